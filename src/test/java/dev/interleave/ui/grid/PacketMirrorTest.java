package dev.interleave.ui.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.verify.Verdict;
import org.junit.jupiter.api.Test;

class PacketMirrorTest {
    @Test
    void copiesMadeAheadAreUsedForASourceOfTheirSizeAndMirrorIt() {
        FakePacketView view = new FakePacketView(200_000).set(7, Verdict.TORN, 3).set(150_000, Verdict.INTACT, 1);
        PacketMirror.Copies copies = PacketMirror.copiesFor(view.size());
        PacketMirror m = new PacketMirror();
        m.setSource(view, copies);
        assertThat(m.states()).isSameAs(copies.states());
        assertThat(m.kept()).isEqualTo(200_000);
        assertThat(m.states()[7]).isEqualTo(CellState.bit(CellState.NOT_SENT)); // nothing copied yet
        m.refreshAll();
        assertThat(m.states()[7]).isEqualTo(CellState.bit(CellState.TORN));
        assertThat(m.states()[150_000]).isEqualTo(CellState.bit(CellState.INTACT));
        assertThat(m.states()[8]).isEqualTo(CellState.bit(CellState.NOT_SENT));
    }

    @Test
    void copiesOfAnotherSizeAreNotUsed() {
        FakePacketView view = new FakePacketView(1_000);
        PacketMirror.Copies wrong = PacketMirror.copiesFor(999);
        PacketMirror m = new PacketMirror();
        m.setSource(view, wrong);
        assertThat(m.states()).isNotSameAs(wrong.states()).hasSize(1_000);
        m.setSource(null, null);
        assertThat(m.kept()).isZero();
        assertThat(m.hasSource()).isFalse();
    }
}
