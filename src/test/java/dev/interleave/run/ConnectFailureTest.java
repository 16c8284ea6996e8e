package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ConnectFailureTest {
    @Test
    void theJdksAndLibcsWordsComeOutAlike() {
        InetSocketAddress a = InetSocketAddress.createUnresolved("verifier.example", 11200);
        assertThat(ConnectFailure.describe(a, new ConnectException("Connection refused")))
                .isEqualTo("could not connect to verifier.example:11200: connection refused");
        assertThat(ConnectFailure.describe(a, new IOException("connect to 10.0.0.1:11200 failed: Connection refused"
                + " (ECONNREFUSED)"))).isEqualTo("could not connect to verifier.example:11200: connection refused");
        assertThat(ConnectFailure.describe(InetSocketAddress.createUnresolved("::1", 9), new IOException("No route to host")))
                .isEqualTo("could not connect to [::1]:9: no route to host");
        assertThat(ConnectFailure.reason(new IOException())).isEqualTo("IOException");
    }
}
