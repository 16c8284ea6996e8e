package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void parsesWhatItPrints() {
        for (Target t : new Target[] {Target.inProcess(), Target.remote("verifier.lab", 11200),
                Target.remote("10.0.0.7", 9000), Target.remote("::1", 9000), Target.remote("fe80::1", 11200)}) {
            assertThat(Target.parse(t.toString())).isEqualTo(t);
        }
    }

    @Test
    void readsTheUsualForms() {
        assertThat(Target.parse("")).isEqualTo(Target.inProcess());
        assertThat(Target.parse("host")).isEqualTo(Target.remote("host", Target.DEFAULT_PORT));
        assertThat(Target.parse("host:1234")).isEqualTo(Target.remote("host", 1234));
        assertThat(Target.parse("[::1]:9000")).isEqualTo(Target.remote("::1", 9000));
        assertThat(Target.parse("[::1]")).isEqualTo(Target.remote("::1", Target.DEFAULT_PORT));
        assertThat(Target.parse("::1")).isEqualTo(Target.remote("::1", Target.DEFAULT_PORT));
        assertThat(Target.parse("host:port").port()).isEqualTo(-1); // named as invalid by RunConfig
    }
}
