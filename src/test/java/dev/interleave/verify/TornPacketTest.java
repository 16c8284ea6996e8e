package dev.interleave.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TornPacketTest {

    @Test
    void describesTheSpliceAsTheIssueWordsIt() {
        TornPacket t = new TornPacket(17, 3, 131_048, true, List.of(SpliceSegment.self(17, 0, 65_460),
                SpliceSegment.whole(42), SpliceSegment.self(17, 65_460, 131_072)), 3, false);
        assertThat(t.describe()).isEqualTo("bytes 0-65,459 of #17, then #42 whole, then #17 from byte 65,460");
    }

    @Test
    void aLongRunOfWholePacketsIsNamedByItsEnds() {
        TornPacket t = new TornPacket(186, 16, 100_000, true, List.of(SpliceSegment.self(186, 0, 24_445),
                SpliceSegment.whole(15), SpliceSegment.whole(189), SpliceSegment.whole(187),
                SpliceSegment.piece(190, 0, 100), SpliceSegment.self(186, 24_445, 100_024)), 6, false);
        assertThat(t.describe()).isEqualTo("bytes 0-24,444 of #186, then 3 packets whole (#15 … #187), "
                + "then bytes 0-99 of #190, then #186 from byte 24,445");
    }

    @Test
    void aTruncatedSpliceKeepsItsEnd() {
        TornPacket t = new TornPacket(125, 18, 100_000, true, List.of(SpliceSegment.self(125, 0, 89_928),
                SpliceSegment.whole(51), SpliceSegment.self(125, 89_928, 100_024)), 202, true);
        assertThat(t.describe()).isEqualTo("bytes 0-89,927 of #125, then #51 whole, … (202 segments in all), "
                + "then #125 from byte 89,928");
    }
}
