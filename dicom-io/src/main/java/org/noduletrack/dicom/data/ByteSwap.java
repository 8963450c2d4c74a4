package org.noduletrack.dicom.data;

/** In-place byte order reversal of fixed-size units, for big-endian sources. */
public final class ByteSwap {
    private ByteSwap() {}

    public static void swap(byte[] b, int unit) {
        int n = b.length - b.length % unit;
        switch (unit) {
            case 2 -> {
                for (int i = 0; i < n; i += 2) {
                    byte t = b[i]; b[i] = b[i + 1]; b[i + 1] = t;
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i += 4) {
                    byte t = b[i]; b[i] = b[i + 3]; b[i + 3] = t;
                    t = b[i + 1]; b[i + 1] = b[i + 2]; b[i + 2] = t;
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i += 8) {
                    for (int k = 0; k < 4; k++) {
                        byte t = b[i + k]; b[i + k] = b[i + 7 - k]; b[i + 7 - k] = t;
                    }
                }
            }
            default -> { }
        }
    }
}
