package dev.interleave.verify;

/**
 * The raw CRC32C register (reflected polynomial 0x82F63B78, no initial or final inversion), for
 * joining split headers without trying every open one: the register is linear, so
 * {@code update(s, m) == update(s, zeros(|m|)) ^ update(0, m)}. CRC32C of {@code x} is
 * {@code ~update(~0, x)}. Pure; any thread.
 */
final class Crc32cRegister {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32cRegister() {
    }

    /** The register after {@code len} bytes at {@code off}, starting from {@code reg}. */
    static int update(int reg, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            reg = (reg >>> 8) ^ TABLE[(reg ^ b[off + i]) & 0xFF];
        }
        return reg;
    }

    /** The register after {@code len} zero bytes, starting from {@code reg}. */
    static int zeros(int reg, int len) {
        for (int i = 0; i < len; i++) {
            reg = (reg >>> 8) ^ TABLE[reg & 0xFF];
        }
        return reg;
    }
}
