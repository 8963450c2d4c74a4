package org.noduletrack.dicom.codec;

import java.io.IOException;

/**
 * Uncompressed pixel data (little-endian byte order, as the reader normalises it): unpacks 1/8/16/32-bit samples,
 * keeps the Bits Stored below High Bit, sign-extends signed data and interleaves colour-by-plane frames.
 */
public final class NativeFrameDecoder implements FrameDecoder {
    @Override
    public DecodedFrame decode(byte[] data, PixelDescriptor d) throws IOException {
        if (data.length < d.nativeFrameBytes()) {
            throw new PixelDataException("frame needs " + d.nativeFrameBytes() + " bytes of native pixel data but has "
                    + data.length);
        }
        int n = d.samplesPerFrame();
        int[] out = new int[n];
        int shift = d.highBit() + 1 - d.bitsStored();
        int bits = d.bitsStored();
        switch (d.bitsAllocated()) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (data[i >>> 3] >>> (i & 7)) & 1; // PS3.5 D.2: least significant bit first
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = storedValue(data[i] & 0xFF, shift, bits, d.signed());
                }
            }
            case 16 -> {
                short[] s = new short[n];
                java.nio.ByteBuffer.wrap(data, 0, 2 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
                if (shift == 0 && bits == 16) { // the common CT case: no masking needed
                    for (int i = 0; i < n; i++) {
                        out[i] = d.signed() ? s[i] : s[i] & 0xFFFF;
                    }
                } else {
                    int mask = (1 << bits) - 1, unused = 32 - bits;
                    for (int i = 0; i < n; i++) {
                        int v = ((s[i] & 0xFFFF) >>> shift) & mask;
                        out[i] = d.signed() ? (v << unused) >> unused : v;
                    }
                }
            }
            case 32 -> {
                for (int i = 0, j = 0; i < n; i++, j += 4) {
                    int raw = (data[j] & 0xFF) | (data[j + 1] & 0xFF) << 8 | (data[j + 2] & 0xFF) << 16 | (data[j + 3] & 0xFF) << 24;
                    out[i] = storedValue(raw, shift, bits, d.signed());
                }
            }
            default -> throw new PixelDataException("unsupported Bits Allocated " + d.bitsAllocated());
        }
        if (d.samplesPerPixel() > 1 && d.planarConfiguration() == 1) {
            out = interleave(out, d.rows() * d.columns(), d.samplesPerPixel());
        }
        return new DecodedFrame(d.withPhotometric(d.photometricInterpretation(), 0), out);
    }

    /** Bits above High Bit may carry overlays or garbage (PS3.5 8.1.1): mask them off, then sign-extend. */
    static int storedValue(int raw, int shift, int bits, boolean signed) {
        if (bits == 32 && shift == 0) {
            return raw;
        }
        int v = (raw >>> shift) & (int) ((1L << bits) - 1);
        if (signed && bits < 32) {
            int unused = 32 - bits;
            v = (v << unused) >> unused;
        }
        return v;
    }

    static int[] interleave(int[] planar, int pixels, int spp) {
        int[] out = new int[planar.length];
        for (int c = 0; c < spp; c++) {
            for (int p = 0; p < pixels; p++) {
                out[p * spp + c] = planar[c * pixels + p];
            }
        }
        return out;
    }
}
