package org.noduletrack.dicom.codec.jpeg;

/**
 * A decoding Huffman table built from a DHT segment (T.81 Annex C and F.2.2.3).
 *
 * <p>Codes of up to {@link #LOOKAHEAD_BITS} bits are resolved with one look-up in {@link #fast}; longer
 * codes (up to 16 bits) fall back to the MAXCODE/VALPTR procedure of T.81 F.16.
 */
final class HuffmanTable {

    /** Number of bits resolved by the fast look-up table. */
    static final int LOOKAHEAD_BITS = 9;

    /**
     * Indexed by the next {@link #LOOKAHEAD_BITS} bits: {@code length << 8 | value} for codes of at most
     * that many bits, 0 where the code is longer (or unused).
     */
    final int[] fast = new int[1 << LOOKAHEAD_BITS];
    /** Largest code of each length 1..16, -1 where there are none (index 17 is a sentinel). */
    final int[] maxCode = new int[18];
    /** Per code length l: index of its first value minus its first code (code c maps to values[c + valueOffset[l]]). */
    final int[] valueOffset = new int[17];
    final int[] values;

    private HuffmanTable(int[] values) {
        this.values = values;
    }

    /**
     * Builds a table from the 16 code-length counts (BITS) and the symbol values (HUFFVAL).
     *
     * @param counts number of codes of length 1..16 (index 0..15)
     * @param values symbols in order of increasing code length
     * @param dc     whether this is a DC table, whose symbols must be magnitude categories 0..15
     * @param offset byte offset of the table in the codestream, for error messages
     */
    static HuffmanTable build(int[] counts, int[] values, boolean dc, int offset) throws JpegDctException {
        HuffmanTable table = new HuffmanTable(values.clone());
        if (dc) {
            for (int value : values) {
                if (value > 15) {
                    throw new JpegDctException("DC Huffman table contains invalid magnitude category " + value, offset);
                }
            }
        }
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            int n = counts[length - 1];
            if (n == 0) {
                table.maxCode[length] = -1;
            } else {
                table.valueOffset[length] = k - code;
                for (int i = 0; i < n; i++, k++, code++) {
                    if (code >= 1 << length) {
                        throw new JpegDctException("invalid Huffman table: too many codes of length " + length, offset);
                    }
                    if (length <= LOOKAHEAD_BITS) {
                        int shift = LOOKAHEAD_BITS - length;
                        int entry = length << 8 | values[k];
                        int first = code << shift;
                        for (int j = 0; j < 1 << shift; j++) {
                            table.fast[first + j] = entry;
                        }
                    }
                }
                table.maxCode[length] = code - 1;
            }
            // the codes of this length must fit into 'length' bits and the all-ones code is reserved (C.2);
            // the same check as libjpeg's jpeg_make_d_derived_tbl
            if (code >= 1 << length) {
                throw new JpegDctException("invalid Huffman table: too many codes of length " + length, offset);
            }
            code <<= 1;
        }
        table.maxCode[17] = Integer.MAX_VALUE;
        return table;
    }
}
