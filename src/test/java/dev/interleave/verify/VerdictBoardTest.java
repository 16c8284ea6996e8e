package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.WireFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictBoardTest {

    @Test
    void transitionsAndSeal() {
        VerdictBoard b = new VerdictBoard();
        b.hello(new Hello(9, 6, 2));
        assertThat(b.count(Verdict.PENDING)).isEqualTo(6);
        b.packetWhole(0, 1, 10);
        b.packetWhole(1, 1, 10);
        b.packetWhole(1, 1, 10);
        b.packetTorn(new TornPacket(2, 3, 10, true, List.of(), 0, true));
        b.packetWhole(2, 3, 10); // torn wins
        b.packetWhole(3, 0, 10);
        b.packetTorn(new TornPacket(3, 0, 10, false, List.of(), 0, true)); // torn wins over intact too
        b.seal(6);
        assertThat(b.verdict(0)).isEqualTo(Verdict.INTACT);
        assertThat(b.verdict(1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(b.verdict(2)).isEqualTo(Verdict.TORN);
        assertThat(b.verdict(3)).isEqualTo(Verdict.TORN);
        assertThat(b.verdict(4)).isEqualTo(Verdict.MISSING);
        assertThat(b.verdict(5)).isEqualTo(Verdict.MISSING);
        assertThat(b.verdict(6)).isEqualTo(Verdict.PENDING);
        assertThat(b.thread(2)).isEqualTo(3);
        assertThat(b.thread(5)).isEqualTo(-1);
        assertThat(b.snapshotCounts()).isEqualTo(new VerdictCounts(0, 1, 2, 2, 1));
        byte[] grid = new byte[8];
        b.copyVerdicts(0, grid, 1, 7);
        assertThat(grid).containsExactly(0, 1, 4, 2, 2, 3, 3, 0);
        List<Long> decided = new ArrayList<>();
        b.forEachDecided((id, v) -> decided.add(id));
        assertThat(decided).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void bothChunkSizesKeepTheSameVerdictsAcrossChunkEdges() {
        VerdictBoard small = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.SMALL_CHUNK_BITS);
        VerdictBoard large = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.LARGE_CHUNK_BITS);
        long edge = 1L << VerdictBoard.LARGE_CHUNK_BITS; // also a small-chunk edge
        long[] ids = {0, 65_535, 65_536, edge - 1, edge, edge + 1, 3 * edge + 7};
        for (VerdictBoard b : List.of(small, large)) {
            b.hello(new Hello(1, 3 * edge + 8, 4));
            for (long id : ids) {
                b.packetWhole(id, (int) (id % 4), 10);
            }
            b.packetTorn(new TornPacket(edge, 2, 10, true, List.of(), 0, true));
            b.seal(3 * edge + 8);
        }
        for (VerdictBoard b : List.of(small, large)) {
            assertThat(b.verdict(edge)).isEqualTo(Verdict.TORN);
            assertThat(b.verdict(edge - 1)).isEqualTo(Verdict.INTACT);
            assertThat(b.verdict(edge + 2)).isEqualTo(Verdict.MISSING);
            assertThat(b.thread(3 * edge + 7)).isEqualTo((int) ((3 * edge + 7) % 4));
            assertThat(b.snapshotCounts()).isEqualTo(small.snapshotCounts());
        }
        byte[] a = new byte[20];
        byte[] c = new byte[20];
        small.copyVerdicts(edge - 10, a, 0, 20);
        large.copyVerdicts(edge - 10, c, 0, 20);
        assertThat(c).isEqualTo(a);
        List<Long> fromSmall = new ArrayList<>();
        List<Long> fromLarge = new ArrayList<>();
        small.forEachDecided((id, v) -> {
            if (v != Verdict.MISSING) {
                fromSmall.add(id);
            }
        });
        large.forEachDecided((id, v) -> {
            if (v != Verdict.MISSING) {
                fromLarge.add(id);
            }
        });
        assertThat(fromLarge).isEqualTo(fromSmall).hasSize(ids.length);
        assertThatThrownBy(() -> new VerdictBoard(VerifierLimits.defaults(), 30))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyVerdictMergesByRank() {
        VerdictBoard b = new VerdictBoard();
        b.applyVerdict(7, Verdict.TORN, 2);
        b.applyVerdict(7, Verdict.INTACT, 2);
        b.applyVerdict(8, Verdict.INTACT, 1);
        b.applyVerdict(8, Verdict.DUPLICATE, 1);
        assertThat(b.verdict(7)).isEqualTo(Verdict.TORN);
        assertThat(b.verdict(8)).isEqualTo(Verdict.DUPLICATE);
        assertThat(b.count(Verdict.INTACT)).isZero();
    }

    @Test
    void idsUpTo2Pow32AreAddressableLazily() {
        VerdictBoard b = new VerdictBoard();
        b.packetWhole(0xFFFF_FFFFL, 65535, 0);
        assertThat(b.verdict(0xFFFF_FFFFL)).isEqualTo(Verdict.INTACT);
        assertThat(b.thread(0xFFFF_FFFFL)).isEqualTo(65535);
        assertThat(b.verdict(0x1_0000_0000L)).isEqualTo(Verdict.PENDING);
        VerdictBoard small = new VerdictBoard(new VerifierLimits(1000, 4, 4, 4, 4, 100));
        small.packetWhole(100, 0, 0);
        assertThat(small.untrackedEvents()).isOne();
        assertThat(small.count(Verdict.INTACT)).isZero();
    }

    @Test
    void concurrentWritersAndAReader() throws Exception {
        VerdictBoard b = new VerdictBoard();
        int threads = 4;
        int per = 200_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < per; i++) {
                    b.packetWhole((long) i * threads + me, me, 0);
                    b.packetWhole(i % 1000, me, 0); // all threads hit ids < 1000: duplicates
                }
            }));
        }
        go.countDown();
        byte[] grid = new byte[4096];
        while (ts.stream().anyMatch(Thread::isAlive)) {
            b.copyVerdicts(0, grid, 0, grid.length); // racy reads are fine
            b.snapshotCounts();
        }
        for (Thread t : ts) {
            t.join();
        }
        VerdictCounts c = b.snapshotCounts();
        assertThat(c.duplicate()).isEqualTo(1000);
        assertThat(c.intact()).isEqualTo((long) threads * per - 1000);
    }

    @Test
    void tenMillionPacketsFitWellUnder100MB() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        VerdictBoard b = new VerdictBoard();
        for (long id = 0; id < 10_000_000L; id++) {
            b.packetWhole(id, (int) (id % 20), 100_000);
        }
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory() - before;
        assertThat(b.count(Verdict.INTACT)).isEqualTo(10_000_000L);
        assertThat(used).isLessThan(60L << 20);
    }

    @Test
    void sealingAClaimOf2Pow32PacketsCountsThemWithoutAllocating() {
        for (int bits : new int[] {VerdictBoard.SMALL_CHUNK_BITS, VerdictBoard.LARGE_CHUNK_BITS}) {
            VerdictBoard b = new VerdictBoard(VerifierLimits.defaults(), bits);
            long claimed = 0xFFFF_FFFFL;
            b.hello(new Hello(9, claimed, 20));
            for (long id = 0; id < 10; id++) {
                b.packetWhole(id, 1, 0);
            }
            b.seal(claimed);
            assertThat(b.allocatedBytes()).as("one chunk, the one seen").isEqualTo(b.chunkBytes());
            assertThat(b.snapshotCounts()).isEqualTo(new VerdictCounts(0, 10, 0, claimed - 10, 0));
            assertThat(b.verdict(10)).isEqualTo(Verdict.MISSING);
            assertThat(b.verdict(claimed - 1)).isEqualTo(Verdict.MISSING);
            assertThat(b.verdict(claimed)).isEqualTo(Verdict.PENDING);
            byte[] grid = new byte[4];
            b.copyVerdicts(claimed - 2, grid, 0, 4);
            assertThat(grid).containsExactly(3, 3, 0, 0);
            // A late arrival in a range never seen: a chunk now, born missing, and the counts move.
            b.packetWhole(3_000_000_000L, 2, 0);
            assertThat(b.verdict(3_000_000_000L)).isEqualTo(Verdict.INTACT);
            assertThat(b.verdict(3_000_000_001L)).isEqualTo(Verdict.MISSING);
            assertThat(b.snapshotCounts()).isEqualTo(new VerdictCounts(0, 11, 0, claimed - 11, 0));
            b.seal(claimed); // a second seal counts nothing twice
            assertThat(b.snapshotCounts()).isEqualTo(new VerdictCounts(0, 11, 0, claimed - 11, 0));
        }
    }

    @Test
    void aBudgetBoundsTheChunksAndTheRefusedRangesStayUntrackedAndPending() {
        Budget server = Budget.of(3L * 3 * 65_536, "bytes");
        VerdictBoard b = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.SMALL_CHUNK_BITS, server.child(2L * 3 * 65_536));
        b.hello(new Hello(9, 5L * 65_536, 20));
        for (long chunk = 0; chunk < 5; chunk++) {
            b.packetWhole(chunk * 65_536, 1, 0); // forged headers 65,536 ids apart
        }
        assertThat(b.allocatedBytes()).isEqualTo(2L * b.chunkBytes());
        assertThat(server.used()).isEqualTo(2L * b.chunkBytes());
        assertThat(b.refusedChunks()).isEqualTo(3);
        assertThat(b.untrackedEvents()).isEqualTo(3);
        b.packetWhole(2 * 65_536 + 1, 1, 0); // a refused range stays refused
        assertThat(b.untrackedEvents()).isEqualTo(4);
        b.seal(5L * 65_536);
        assertThat(b.verdict(0)).isEqualTo(Verdict.INTACT);
        assertThat(b.verdict(1)).isEqualTo(Verdict.MISSING);
        assertThat(b.verdict(2 * 65_536)).as("refused: nobody knows").isEqualTo(Verdict.PENDING);
        assertThat(b.snapshotCounts()).isEqualTo(new VerdictCounts(3L * 65_536, 2, 0, 2L * 65_535, 0));
        assertThat(b.allocatedBytes()).isEqualTo(2L * b.chunkBytes());
    }

    /** What a packet listing visits, as text: "#id VERDICT t" and "missing first-last". */
    private static List<String> listing(VerdictBoard b) {
        List<String> seen = new ArrayList<>();
        b.forEachPacket(new PacketListing.Visitor() {
            @Override
            public void packet(long packetId, Verdict verdict, int thread) {
                seen.add("#" + packetId + " " + verdict + " " + thread);
            }

            @Override
            public void missing(long first, long last) {
                seen.add("missing " + first + "-" + last);
            }
        });
        return seen;
    }

    @Test
    void aListingGivesArrivedPacketsAndMissingRangesInIdOrder() {
        VerdictBoard b = new VerdictBoard();
        b.hello(new Hello(9, 10, 3));
        b.packetWhole(2, 1, 10);
        b.packetWhole(3, 2, 10);
        b.packetWhole(3, 2, 10);
        b.packetTorn(new TornPacket(7, 0, 10, true, List.of(), 0, true));
        b.packetWhole(12, 1, 10); // past the Hello's claim: arrived, not missing
        b.seal(10);
        assertThat(listing(b)).containsExactly("missing 0-1", "#2 INTACT 1", "#3 DUPLICATE 2", "missing 4-6",
                "#7 TORN 0", "missing 8-9", "#12 INTACT 1");
    }

    @Test
    void aListingOfAHugeClaimCostsWhatArrivedAndCrossesChunksAsOneRange() {
        VerdictBoard b = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.SMALL_CHUNK_BITS);
        long claim = WireFormat.MAX_PACKET_ID; // 2^32 - 1 ids claimed
        b.hello(new Hello(9, claim, 1));
        b.packetWhole(65_535, 0, 0);        // the last id of chunk 0
        b.packetWhole(3L * 65_536 + 1, 0, 0); // a later chunk: chunks 1 and 2 never seen
        b.seal(claim);
        assertThat(listing(b)).containsExactly("missing 0-65534", "#65535 INTACT 0",
                "missing 65536-196608", "#196609 INTACT 0", "missing 196610-" + (claim - 1));
        VerdictBoard none = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.SMALL_CHUNK_BITS);
        none.hello(new Hello(9, claim, 1));
        none.seal(claim);
        assertThat(listing(none)).containsExactly("missing 0-" + (claim - 1));
    }

    @Test
    void aListingLeavesRefusedRangesOutOfItsMissingRanges() {
        Budget budget = Budget.of(3L * 65_536, "bytes"); // one small chunk
        VerdictBoard b = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.SMALL_CHUNK_BITS, budget);
        b.hello(new Hello(9, 3L * 65_536, 1));
        b.packetWhole(0, 0, 0);
        b.packetWhole(65_536, 0, 0); // refused: untracked, its range stays pending
        b.seal(3L * 65_536);
        assertThat(listing(b)).containsExactly("#0 INTACT 0", "missing 1-65535", "missing 131072-196607");
    }

    @Test
    void budgetsShareAParentAndGiveBackWhatTheyTook() {
        Budget server = Budget.of(100, "bytes");
        Budget a = server.child(60);
        Budget c = server.child(60);
        assertThat(a.tryTake(60)).isTrue();
        assertThat(a.tryTake(1)).as("over its own share").isFalse();
        assertThat(c.tryTake(50)).as("over the server's").isFalse();
        assertThat(c.tryTake(40)).isTrue();
        assertThat(server.used()).isEqualTo(100);
        a.giveBackAll();
        a.giveBackAll();
        assertThat(server.used()).isEqualTo(40);
        assertThat(c.tryTake(20)).isTrue();
        assertThat(a.refusals() + c.refusals()).isEqualTo(2);
        Budget reserved = server.child(50, 30);
        assertThat(reserved.tryTake(30)).as("its reserve, though the server has 40 left of 100").isTrue();
        assertThat(server.used()).isEqualTo(60);
        assertThat(reserved.tryTake(15)).isTrue();
        assertThat(server.used()).as("only what is past the reserve").isEqualTo(75);
        assertThat(reserved.tryTake(10)).as("its own bound").isFalse();
        reserved.giveBack(20);
        assertThat(server.used()).isEqualTo(60);
        reserved.giveBackAll();
        assertThat(server.used()).isEqualTo(60).isEqualTo(40 + 20);
        assertThat(Budget.UNLIMITED.tryTake(Long.MAX_VALUE)).isTrue();
        assertThat(Budget.UNLIMITED.used()).isZero();
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new VerifierLimits(-1, 1, 2, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerifierLimits.defaults().withMaxOpenPackets(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerifierLimits.defaults().withMaxPayload(64 * 1024 * 1024 + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
