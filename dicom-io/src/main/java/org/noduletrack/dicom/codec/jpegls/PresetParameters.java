package org.noduletrack.dicom.codec.jpegls;

/**
 * JPEG-LS preset coding parameters (T.87 C.2.4.1.1): MAXVAL, the gradient thresholds T1..T3 and the
 * context RESET value. As read from an LSE segment a 0 means "use the default"; {@link #resolve} fills
 * those in from T.87 C.2.4.1.1.1 and validates the result.
 */
record PresetParameters(int maxVal, int t1, int t2, int t3, int reset) {

    static final int DEFAULT_RESET = 64;

    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;

    /** The parameters a scan is coded with. */
    static PresetParameters resolve(PresetParameters signalled, int bitsPerSample, int near, int offset)
            throws JpegLsException {
        int maxVal = (1 << bitsPerSample) - 1;
        if (signalled != null && signalled.maxVal != 0) {
            if (signalled.maxVal > maxVal) {
                throw new JpegLsException("LSE MAXVAL " + signalled.maxVal + " exceeds the range of "
                        + bitsPerSample + "-bit samples", offset);
            }
            maxVal = signalled.maxVal;
        }
        if (near > Math.min(255, maxVal / 2)) {
            throw new JpegLsException("NEAR " + near + " too large for MAXVAL " + maxVal, offset);
        }
        PresetParameters defaults = defaults(maxVal, near);
        if (signalled == null) {
            return defaults;
        }
        // Only signalled values are checked (Table C.1): a default may legitimately fall below an
        // explicit lower threshold, and encoders such as CharLS accept and use that combination.
        int t1 = signalled.t1 != 0 ? check("T1", signalled.t1, near + 1, maxVal, offset) : defaults.t1;
        int t2 = signalled.t2 != 0 ? check("T2", signalled.t2, t1, maxVal, offset) : defaults.t2;
        int t3 = signalled.t3 != 0 ? check("T3", signalled.t3, t2, maxVal, offset) : defaults.t3;
        int reset = signalled.reset != 0
                ? check("RESET", signalled.reset, 3, Math.max(255, maxVal), offset) : DEFAULT_RESET;
        return new PresetParameters(maxVal, t1, t2, t3, reset);
    }

    private static int check(String name, int value, int min, int max, int offset) throws JpegLsException {
        if (value < min || value > max) {
            throw new JpegLsException("LSE " + name + " " + value + " outside " + min + ".." + max, offset);
        }
        return value;
    }

    /** Default thresholds of T.87 C.2.4.1.1.1 for the given MAXVAL and NEAR. */
    static PresetParameters defaults(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) >> 8;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
        }
        return new PresetParameters(maxVal, t1, t2, t3, DEFAULT_RESET);
    }

    /** The CLAMP function of C.2.4.1.1.1: out-of-range values fall back to the lower bound. */
    private static int clamp(int value, int lower, int maxVal) {
        return value > maxVal || value < lower ? lower : value;
    }
}
