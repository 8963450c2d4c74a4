package org.noduletrack.dicom.codec.jpegls;

import java.util.zip.CRC32;

/**
 * Deterministic synthetic images for codec tests, the same formula the vector generator used. MIXED
 * cycles 8x8 blocks through flat, smooth, noisy and steep-gradient content so that regular mode, run
 * mode and run interruptions all occur; FLAT repeats one value per row with sparse noise; VERY_FLAT is
 * one value with rare disturbances, for long runs.
 */
final class TestPattern {

    enum Kind { MIXED, FLAT, VERY_FLAT }

    private TestPattern() {
    }

    static int[] samples(int width, int height, int components, int maxVal, int seed, Kind kind) {
        int[] out = new int[width * height * components];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < components; c++) {
                    out[i++] = sample(x, y, c, maxVal, seed, kind);
                }
            }
        }
        return out;
    }

    static int sample(int x, int y, int c, int maxVal, int seed, Kind kind) {
        int h = hash(x, y, c, seed) >>> 1;
        int m = maxVal + 1;
        switch (kind) {
            case VERY_FLAT:
                return (x * 7 + y * 3) % 5003 == 0 ? h % m : seed % m;
            case FLAT:
                return h % 97 == 0 ? h % m : (y * 13 + c * 5 + seed) % m;
            default:
                break;
        }
        switch (((x >> 3) + (y >> 3)) & 3) {
            case 0:
                return (hash(x >> 3, y >> 3, c, seed) >>> 1) % m;
            case 1:
                return (x * 5 + y * 3 + c * 7 + (h & 3)) % m;
            case 2:
                return h % m;
            default:
                return ((x + y) * (maxVal / 64 + 1) + (h & 15)) % m;
        }
    }

    private static int hash(int x, int y, int c, int seed) {
        int h = x * 0x9E3779B1 + y * 0x85EBCA77 + c * 0xC2B2AE3D + seed;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        h *= 0x297A2D39;
        h ^= h >>> 15;
        return h;
    }

    /** CRC-32 of samples written as 16-bit little-endian values. */
    static long crc(int[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
