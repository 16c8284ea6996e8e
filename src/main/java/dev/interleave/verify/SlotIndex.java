package dev.interleave.verify;

import java.util.Arrays;

/**
 * A multimap from 64-bit keys to slots of the open-packet table: each slot is under at most one key,
 * the slots under a key form a chain in the order they were put. Lookups cost one hash probe
 * sequence whatever the number of slots; the hash is salted per instance so that keys a peer chooses
 * cannot be made to collide on purpose. Memory grows with the slots actually used, up to the table's
 * bound. Not thread-safe (the verifier's feeding thread).
 */
final class SlotIndex {
    private static final int NIL = -1;
    /** Marks a slot that is under no key. */
    private static final int ABSENT = -2;

    private final long salt;
    // Hash table: key -> first slot of its chain (NIL: empty cell).
    private long[] keys = new long[16];
    private int[] heads = new int[16];
    // One bit per cell, set when the cell is used: a lookup that misses (the common case while bytes
    // are scanned) reads this small bitmap, not the larger key arrays.
    private long[] occupied = new long[1];
    private int used;
    // Per slot: its key and its neighbours in the chain.
    private long[] slotKey = new long[8];
    private int[] next = new int[8];
    private int[] prev = filled(8);
    private int[] last = new int[16]; // per hash cell: the last slot of its chain (to append in O(1))

    SlotIndex(long salt) {
        this.salt = salt;
        Arrays.fill(heads, NIL);
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, ABSENT);
        return a;
    }

    /** The first slot under {@code key}, or -1. */
    int first(long key) {
        int cell = find(key);
        return cell < 0 ? NIL : heads[cell];
    }

    /** The slot after {@code slot} under the same key, or -1. */
    int next(int slot) {
        return next[slot];
    }

    /** True when {@code slot} is under some key. */
    boolean contains(int slot) {
        return slot < prev.length && prev[slot] != ABSENT;
    }

    /** The key {@code slot} is under (only when {@link #contains}). */
    long keyOf(int slot) {
        return slotKey[slot];
    }

    /** Keys in use. */
    boolean isEmpty() {
        return used == 0;
    }

    /** Puts {@code slot} under {@code key} (removing it from its old key first), at the end of the chain. */
    void put(int slot, long key) {
        if (contains(slot)) {
            if (slotKey[slot] == key) {
                return;
            }
            remove(slot);
        }
        ensureSlot(slot);
        slotKey[slot] = key;
        next[slot] = NIL;
        int cell = find(key);
        if (cell < 0) {
            if (2 * (used + 1) > keys.length) {
                rehash(keys.length * 2);
            }
            cell = insertCell(key);
            heads[cell] = slot;
            last[cell] = slot;
            prev[slot] = NIL;
        } else {
            int tail = last[cell];
            next[tail] = slot;
            prev[slot] = tail;
            last[cell] = slot;
        }
    }

    /** Takes {@code slot} from its key, if any. */
    void remove(int slot) {
        if (!contains(slot)) {
            return;
        }
        int cell = find(slotKey[slot]);
        int p = prev[slot];
        int n = next[slot];
        if (p == NIL) {
            heads[cell] = n;
        } else {
            next[p] = n;
        }
        if (n == NIL) {
            last[cell] = p;
        } else {
            prev[n] = p;
        }
        prev[slot] = ABSENT;
        if (heads[cell] == NIL) {
            deleteCell(cell);
        }
    }

    /** Slot {@code from} is now slot {@code to} (the table moved it); {@code to} is under no key. */
    void move(int from, int to) {
        if (!contains(from)) {
            return;
        }
        ensureSlot(to);
        long key = slotKey[from];
        int cell = find(key);
        int p = prev[from];
        int n = next[from];
        slotKey[to] = key;
        prev[to] = p;
        next[to] = n;
        if (p == NIL) {
            heads[cell] = to;
        } else {
            next[p] = to;
        }
        if (n == NIL) {
            last[cell] = to;
        } else {
            prev[n] = to;
        }
        prev[from] = ABSENT;
    }

    private void ensureSlot(int slot) {
        if (slot >= prev.length) {
            int n = Math.max(slot + 1, prev.length * 2);
            slotKey = Arrays.copyOf(slotKey, n);
            next = Arrays.copyOf(next, n);
            int old = prev.length;
            prev = Arrays.copyOf(prev, n);
            Arrays.fill(prev, old, n, ABSENT);
        }
    }

    private int hash(long key) {
        long h = (key ^ salt) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /** The cell holding {@code key}, or -1. */
    private int find(long key) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            if ((occupied[i >>> 6] & (1L << i)) == 0) {
                return -1;
            }
            if (keys[i] == key) {
                return i;
            }
        }
    }

    private int insertCell(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (heads[i] != NIL) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        occupied[i >>> 6] |= 1L << i;
        used++;
        return i;
    }

    /** Empties a cell, shifting later cells of its probe run back (linear probing without tombstones). */
    private void deleteCell(int cell) {
        int mask = keys.length - 1;
        int hole = cell;
        heads[hole] = NIL;
        used--;
        occupied[hole >>> 6] &= ~(1L << hole);
        for (int i = (hole + 1) & mask; heads[i] != NIL; i = (i + 1) & mask) {
            int home = hash(keys[i]) & mask;
            // The entry at i may fill the hole when its home is not within (hole, i].
            boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!between) {
                keys[hole] = keys[i];
                heads[hole] = heads[i];
                last[hole] = last[i];
                occupied[hole >>> 6] |= 1L << hole;
                heads[i] = NIL;
                occupied[i >>> 6] &= ~(1L << i);
                hole = i;
            }
        }
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        int[] oldLast = last;
        keys = new long[capacity];
        heads = new int[capacity];
        last = new int[capacity];
        occupied = new long[Math.max(1, capacity >>> 6)];
        Arrays.fill(heads, NIL);
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHeads[i] != NIL) {
                int cell = insertCell(oldKeys[i]);
                heads[cell] = oldHeads[i];
                last[cell] = oldLast[i];
            }
        }
    }
}
