package dev.interleave.send.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ThreadNicenessTest {

    @Test
    void lowersOnlyTheCallingThread() throws Exception {
        assumeTrue(LibC.unavailableReason().isEmpty(), () -> LibC.unavailableReason().orElseThrow());
        long[] tid = new long[1];
        boolean[] applied = new boolean[1];
        OptionalInt[] readBack = new OptionalInt[1];
        Thread t = Thread.ofPlatform().start(() -> {
            applied[0] = ThreadNiceness.lowerCurrentThread(7);
            readBack[0] = ThreadNiceness.currentThreadNice();
            try {
                // /proc/thread-self/stat: field 19 is the nice value.
                String stat = Files.readString(Path.of("/proc/thread-self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                tid[0] = Long.parseLong(f[16]);
            } catch (Exception e) {
                tid[0] = Long.MIN_VALUE;
            }
        });
        t.join();
        assertThat(applied[0]).isTrue();
        assertThat(tid[0]).isEqualTo(7);
        assertThat(readBack[0]).isEqualTo(OptionalInt.of(7));
        String self = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
        assertThat(Long.parseLong(f[16])).isNotEqualTo(7); // this thread kept its own
    }

    @Test
    void theNiceFieldIsReadPastACommandNameWithSpacesAndParentheses() {
        String line = "4242 (sender (x) 1) S 1 1 1 0 -1 4194304 10 0 0 0 0 0 0 0 39 19 1 0 153781 3133440 417";
        assertThat(ThreadNiceness.niceOfStat(line)).isEqualTo(OptionalInt.of(19));
        assertThat(ThreadNiceness.niceOfStat("4242 (java) S 1 1")).isEmpty();
        assertThat(ThreadNiceness.niceOfStat("garbage")).isEmpty();
    }
}
