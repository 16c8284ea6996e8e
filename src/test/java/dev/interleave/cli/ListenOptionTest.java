package dev.interleave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.ListenAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code interleave --listen [ADDR:]PORT}: the window opens listening, or the value is named with its range. */
class ListenOptionTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream oldErr = System.err;
    private final List<ListenAddress> opened = new ArrayList<>();

    @BeforeEach
    void capture() {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
    }

    private int execute(String... args) {
        return InterleaveCommand.execute(at -> {
            opened.add(at);
            return 0;
        }, args);
    }

    @Test
    void aPortOrAnAddressAndPortOpensTheWindowListeningThere() {
        assertThat(execute("--listen", "11200")).isZero();
        assertThat(execute("--listen=0.0.0.0:0")).isZero();
        assertThat(execute("--listen", "[::1]:11201")).isZero();
        assertThat(opened).containsExactly(new ListenAddress("127.0.0.1", 11200), new ListenAddress("0.0.0.0", 0),
                new ListenAddress("::1", 11201));
    }

    @Test
    void aBadValueIsNamedWithItsRangeAndNoWindowOpens() {
        assertThat(execute("--listen", "70000")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("70000 is above the maximum: ports to listen on are 0 to 65535 (0 = any free port)");
        assertThat(opened).isEmpty();
    }

    @Test
    void noSubcommandAndNoListenIsAUsageError() {
        assertThat(execute("--listen")).isEqualTo(2);
        assertThat(InterleaveCommand.execute()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: interleave");
        assertThat(opened).isEmpty();
    }

    @Test
    void subcommandsStillRunAsBefore() {
        assertThat(execute("run", "--threads", "0")).isEqualTo(2);
        assertThat(opened).isEmpty();
    }
}
