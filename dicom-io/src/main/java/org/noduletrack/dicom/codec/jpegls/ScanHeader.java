package org.noduletrack.dicom.codec.jpegls;

/**
 * One SOS header.
 *
 * @param componentIndexes indexes (in frame order) of the components coded in this scan, in scan order
 * @param near             the NEAR parameter: maximum absolute reconstruction error (0 = lossless)
 * @param interleaveMode   ILV: 0 none, 1 line, 2 sample
 */
record ScanHeader(int[] componentIndexes, int near, int interleaveMode) {

    static final int ILV_NONE = 0;
    static final int ILV_LINE = 1;
    static final int ILV_SAMPLE = 2;

    int componentCount() {
        return componentIndexes.length;
    }
}
