package dev.interleave.send.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ThreadNicenessTest {

    @Test
    void lowersOnlyTheCallingThread() throws Exception {
        long[] tid = new long[1];
        boolean[] applied = new boolean[1];
        Thread t = Thread.ofPlatform().start(() -> {
            applied[0] = ThreadNiceness.lowerCurrentThread(7);
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
        String self = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
        assertThat(Long.parseLong(f[16])).isNotEqualTo(7); // this thread kept its own
    }
}
