package dev.interleave.verify;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/** The open-packet table's indexes answer as a scan of every open packet would. */
class OpenPacketsTest {

    @Property(tries = 200)
    void crcRegisterIsCrc32cAndLinear(@ForAll long seed, @ForAll @IntRange(max = 40) int len,
                                      @ForAll @IntRange(max = 20) int zeros) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, len);
        assertThat(~Crc32cRegister.update(~0, b, 0, len)).isEqualTo((int) crc.getValue());
        int s = (int) seed;
        assertThat(Crc32cRegister.update(s, b, 0, len))
                .isEqualTo(Crc32cRegister.zeros(s, len) ^ Crc32cRegister.update(0, b, 0, len));
        assertThat(Crc32cRegister.zeros(s, zeros)).isEqualTo(Crc32cRegister.update(s, new byte[zeros], 0, zeros));
    }

    @Property(tries = 300)
    void theRestOfAHeaderHasItsPrefixsJoinKey(@ForAll @LongRange(max = 0xFFFF_FFFFL) long id,
                                              @ForAll @IntRange(max = 0xFFFF) int thread,
                                              @ForAll @IntRange(max = WireFormat.MAX_PAYLOAD) int len,
                                              @ForAll int run, @ForAll @IntRange(min = 8, max = 23) int h) {
        byte[] hdr = new byte[24];
        FrameHeader.encode(hdr, 0, id, thread, len, run);
        assertThat(OpenPackets.restKey(hdr, h, h)).isEqualTo(OpenPackets.joinKey(hdr, 0, h));
        // Any other rest (one bit off in the CRC bytes) has another key.
        byte[] other = hdr.clone();
        other[23] ^= 1;
        assertThat(OpenPackets.restKey(other, h, h)).isNotEqualTo(OpenPackets.joinKey(hdr, 0, h));
    }

    @Test
    void expectedBytesAtEveryAlignment() {
        byte[] p = new byte[64];
        WireFormat.fillPayload(p, 0, 77, 0, 64);
        for (int off = 0; off + 8 <= 64; off++) {
            assertThat(OpenPackets.expected8(77, off)).isEqualTo(WireFormat.getLong(p, off));
            for (int k = 1; k <= 8; k++) {
                assertThat(OpenPackets.bytesKey(p, off, k)).isEqualTo(WireFormat.getLong(p, off) >>> (64 - 8 * k));
            }
        }
    }

    @Test
    void indexesFollowPacketsAsTheyMoveOnAndAreRemoved() {
        OpenPackets open = new OpenPackets(64);
        Random rnd = new Random(5);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = 1000 + i;
            int len = 1 + rnd.nextInt(60);
            open.add(id, i, len, rnd.nextInt(len));
            ids.add(id);
        }
        for (int round = 0; round < 400; round++) {
            int s = rnd.nextInt(open.size());
            switch (rnd.nextInt(4)) {
                case 0 -> open.setNext(s, Math.min(open.length(s), open.next(s) + rnd.nextInt(9)));
                case 1 -> {
                    ids.remove((Long) open.id(s));
                    open.remove(s);
                    long id = 5000 + round;
                    int len = 1 + rnd.nextInt(60);
                    open.add(id, 0, len, rnd.nextInt(len));
                    ids.add(id);
                }
                default -> { }
            }
            checkAgainstAScan(open, ids);
        }
    }

    /** Every lookup the rules make gives exactly the packets a scan of the table finds. */
    private static void checkAgainstAScan(OpenPackets open, List<Long> ids) {
        assertThat(open.size()).isEqualTo(ids.size());
        Map<Long, Integer> slots = new HashMap<>();
        for (int s = 0; s < open.size(); s++) {
            slots.put(open.id(s), s);
        }
        assertThat(slots.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (int s = 0; s < open.size(); s++) {
            long id = open.id(s);
            assertThat(open.find(id)).isEqualTo(s);
            int rem = open.length(s) - open.next(s);
            if (rem <= 0) {
                continue;
            }
            long ahead = OpenPackets.expected8(id, open.next(s));
            if (rem >= 8) {
                assertThat(members(open.firstByNext8(ahead), open::nextByNext8)).contains(s);
            } else {
                assertThat(members(open.firstByTail(rem, ahead >>> (64 - 8 * rem)), open::nextByTail)).contains(s);
            }
            for (int k = 1; k <= 7; k++) {
                int kk = k;
                List<Integer> m = members(open.firstByNext(k, ahead >>> (64 - 8 * k)), x -> open.nextByNext(kk, x));
                assertThat(m.contains(s)).isEqualTo(k < rem);
            }
        }
        assertThat(open.oldest()).isBetween(0, open.size() - 1);
    }

    private interface Next {
        int next(int s);
    }

    private static List<Integer> members(int first, Next next) {
        List<Integer> l = new ArrayList<>();
        for (int s = first; s >= 0; s = next.next(s)) {
            l.add(s);
        }
        return l;
    }

    @Test
    void slotIndexAgreesWithAMapUnderRandomChanges() {
        SlotIndex index = new SlotIndex(42);
        Map<Integer, Long> truth = new HashMap<>();
        Random rnd = new Random(9);
        for (int step = 0; step < 20_000; step++) {
            int slot = rnd.nextInt(300);
            long key = rnd.nextInt(40) * 0x0101_0101_0101L; // few keys: long chains
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    index.put(slot, key);
                    truth.put(slot, key);
                }
                case 1 -> {
                    index.remove(slot);
                    truth.remove(slot);
                }
                default -> {
                    int to = rnd.nextInt(300);
                    if (!truth.containsKey(to) && truth.containsKey(slot)) {
                        index.move(slot, to);
                        truth.put(to, truth.remove(slot));
                    }
                }
            }
            if (step % 97 == 0) {
                for (int k = 0; k < 40; k++) {
                    long kk = k * 0x0101_0101_0101L;
                    List<Integer> got = members(index.first(kk), index::next);
                    List<Integer> want = truth.entrySet().stream().filter(e -> e.getValue() == kk).map(Map.Entry::getKey).toList();
                    assertThat(got).containsExactlyInAnyOrderElementsOf(want);
                }
            }
        }
    }
}
