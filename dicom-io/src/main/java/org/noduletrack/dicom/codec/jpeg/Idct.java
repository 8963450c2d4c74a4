package org.noduletrack.dicom.codec.jpeg;

/**
 * Dequantization plus 8x8 inverse DCT, level shift and clamping.
 *
 * <p>This is a faithful Java port of the "ISLOW" integer IDCT of the Independent JPEG Group's libjpeg
 * ({@code jidctint.c}, the Loeffler-Ligtenberg-Moschytz algorithm with 13-bit fixed-point constants), which
 * is libjpeg's default DCT method and the one used by DCMTK ({@code dcmdjpeg}, 8 and 12 bit builds) and the
 * JDK's own ImageIO JPEG reader. With {@code PASS1_BITS} = 2 for 8-bit and 1 for 12-bit data, exactly as in
 * libjpeg, the output is bit-identical to those decoders for valid data. Its accuracy against the exact
 * (double precision) IDCT meets IEEE 1180: the decoded samples differ from a correctly rounded
 * floating-point IDCT by at most 1 in rare cases.
 *
 * <p>The only intentional deviation: libjpeg maps out-of-range results through a wrap-around table
 * ({@code & RANGE_MASK}) that is a plain clamp for any result within twice the sample range; this port
 * clamps always, which only matters for corrupt coefficient data.
 */
final class Idct {

    private static final int CONST_BITS = 13;

    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    private final int pass1Bits;
    private final int center;
    private final int maxValue;
    private final int[] workspace = new int[64];

    /** @param precision sample precision, 8 or 12 */
    Idct(int precision) {
        this.pass1Bits = precision <= 8 ? 2 : 1;
        this.center = 1 << (precision - 1);
        this.maxValue = (1 << precision) - 1;
    }

    private int clamp(int v) {
        v += center;
        return v < 0 ? 0 : Math.min(v, maxValue);
    }

    /**
     * Writes a block whose AC coefficients are all zero: every sample is the level-shifted DC value.
     * Identical to {@link #transform} for such a block.
     */
    void dcOnly(int dc, int quant, short[] out, int offset, int stride) {
        int dq = (dc * quant) << pass1Bits;
        int shift = pass1Bits + 3;
        short value = (short) clamp((dq + (1 << (shift - 1))) >> shift);
        for (int row = 0; row < 8; row++, offset += stride) {
            for (int i = 0; i < 8; i++) {
                out[offset + i] = value;
            }
        }
    }

    /**
     * Dequantizes and transforms one block.
     *
     * @param coef   64 quantized coefficients in natural (row-major) order
     * @param quant  64 quantization values in natural order
     * @param out    destination samples
     * @param offset index of the block's top-left sample in {@code out}
     * @param stride distance between rows in {@code out}
     */
    void transform(int[] coef, int[] quant, short[] out, int offset, int stride) {
        final int[] ws = workspace;
        final int p1 = pass1Bits;
        final int pass1Shift = CONST_BITS - p1;
        final int pass1Round = 1 << (pass1Shift - 1);

        // Pass 1: columns from the input into the work array, scaled up by sqrt(8) * 2^PASS1_BITS.
        for (int col = 0; col < 8; col++) {
            if (coef[8 + col] == 0 && coef[16 + col] == 0 && coef[24 + col] == 0 && coef[32 + col] == 0
                    && coef[40 + col] == 0 && coef[48 + col] == 0 && coef[56 + col] == 0) {
                int dcval = (coef[col] * quant[col]) << p1;
                for (int row = 0; row < 64; row += 8) {
                    ws[row + col] = dcval;
                }
                continue;
            }
            // even part
            int z2 = coef[16 + col] * quant[16 + col];
            int z3 = coef[48 + col] * quant[48 + col];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 + z3 * -FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;

            z2 = coef[col] * quant[col];
            z3 = coef[32 + col] * quant[32 + col];
            int tmp0 = (z2 + z3) << CONST_BITS;
            int tmp1 = (z2 - z3) << CONST_BITS;

            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            // odd part
            tmp0 = coef[56 + col] * quant[56 + col];
            tmp1 = coef[40 + col] * quant[40 + col];
            tmp2 = coef[24 + col] * quant[24 + col];
            tmp3 = coef[8 + col] * quant[8 + col];

            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;

            tmp0 = tmp0 * FIX_0_298631336;
            tmp1 = tmp1 * FIX_2_053119869;
            tmp2 = tmp2 * FIX_3_072711026;
            tmp3 = tmp3 * FIX_1_501321110;
            z1 = z1 * -FIX_0_899976223;
            z2 = z2 * -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560;
            z4 = z4 * -FIX_0_390180644;

            z3 += z5;
            z4 += z5;

            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            ws[col] = (tmp10 + tmp3 + pass1Round) >> pass1Shift;
            ws[56 + col] = (tmp10 - tmp3 + pass1Round) >> pass1Shift;
            ws[8 + col] = (tmp11 + tmp2 + pass1Round) >> pass1Shift;
            ws[48 + col] = (tmp11 - tmp2 + pass1Round) >> pass1Shift;
            ws[16 + col] = (tmp12 + tmp1 + pass1Round) >> pass1Shift;
            ws[40 + col] = (tmp12 - tmp1 + pass1Round) >> pass1Shift;
            ws[24 + col] = (tmp13 + tmp0 + pass1Round) >> pass1Shift;
            ws[32 + col] = (tmp13 - tmp0 + pass1Round) >> pass1Shift;
        }

        // Pass 2: rows from the work array to the output, removing the scaling (8 * 2^PASS1_BITS).
        final int pass2Shift = CONST_BITS + p1 + 3;
        final int pass2Round = 1 << (pass2Shift - 1);
        final int dcShift = p1 + 3;
        final int dcRound = 1 << (dcShift - 1);
        for (int row = 0; row < 64; row += 8, offset += stride) {
            if (ws[row + 1] == 0 && ws[row + 2] == 0 && ws[row + 3] == 0 && ws[row + 4] == 0
                    && ws[row + 5] == 0 && ws[row + 6] == 0 && ws[row + 7] == 0) {
                short value = (short) clamp((ws[row] + dcRound) >> dcShift);
                for (int i = 0; i < 8; i++) {
                    out[offset + i] = value;
                }
                continue;
            }
            // even part
            int z2 = ws[row + 2];
            int z3 = ws[row + 6];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 + z3 * -FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;

            int tmp0 = (ws[row] + ws[row + 4]) << CONST_BITS;
            int tmp1 = (ws[row] - ws[row + 4]) << CONST_BITS;

            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            // odd part
            tmp0 = ws[row + 7];
            tmp1 = ws[row + 5];
            tmp2 = ws[row + 3];
            tmp3 = ws[row + 1];

            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;

            tmp0 = tmp0 * FIX_0_298631336;
            tmp1 = tmp1 * FIX_2_053119869;
            tmp2 = tmp2 * FIX_3_072711026;
            tmp3 = tmp3 * FIX_1_501321110;
            z1 = z1 * -FIX_0_899976223;
            z2 = z2 * -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560;
            z4 = z4 * -FIX_0_390180644;

            z3 += z5;
            z4 += z5;

            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            out[offset] = (short) clamp((tmp10 + tmp3 + pass2Round) >> pass2Shift);
            out[offset + 7] = (short) clamp((tmp10 - tmp3 + pass2Round) >> pass2Shift);
            out[offset + 1] = (short) clamp((tmp11 + tmp2 + pass2Round) >> pass2Shift);
            out[offset + 6] = (short) clamp((tmp11 - tmp2 + pass2Round) >> pass2Shift);
            out[offset + 2] = (short) clamp((tmp12 + tmp1 + pass2Round) >> pass2Shift);
            out[offset + 5] = (short) clamp((tmp12 - tmp1 + pass2Round) >> pass2Shift);
            out[offset + 3] = (short) clamp((tmp13 + tmp0 + pass2Round) >> pass2Shift);
            out[offset + 4] = (short) clamp((tmp13 - tmp0 + pass2Round) >> pass2Shift);
        }
    }
}
