package org.noduletrack.dicom.codec.jpeg;

/**
 * One component of the frame: its header fields and its decoded samples at the component's own
 * (possibly subsampled) resolution.
 *
 * <p>The samples are kept in block rows (8 sample lines each) that are allocated only when the first block
 * of the row is decoded, so a header that claims a huge image costs memory only in proportion to the
 * entropy-coded data actually present.
 */
final class FrameComponent {

    final int id;
    final int h;
    final int v;
    final int quantTable;
    /** Component size in samples: ceil(X * h / Hmax) by ceil(Y * v / Vmax) (T.81 A.1.1). */
    final int width;
    final int height;
    /** Blocks per line and per column covering whole MCUs of an interleaved scan. */
    final int blocksPerLine;
    final int blocksPerColumn;
    /** Samples per line of the block rows ({@code blocksPerLine * 8}). */
    final int stride;
    private final short[][] blockRows;
    /** Dequantization table, latched when the component's scan starts (as libjpeg does). */
    int[] quant;
    boolean decoded;

    FrameComponent(int id, int h, int v, int quantTable, int width, int height, int blocksPerLine,
            int blocksPerColumn) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quantTable = quantTable;
        this.width = width;
        this.height = height;
        this.blocksPerLine = blocksPerLine;
        this.blocksPerColumn = blocksPerColumn;
        this.stride = blocksPerLine * 8;
        this.blockRows = new short[blocksPerColumn][];
    }

    /** The samples of block row {@code blockRow} (8 lines of {@link #stride} samples), allocated on first use. */
    short[] blockRow(int blockRow) {
        short[] row = blockRows[blockRow];
        if (row == null) {
            row = new short[stride * 8];
            blockRows[blockRow] = row;
        }
        return row;
    }

    /** Copies line {@code y} (0 &lt;= y &lt; {@link #height}) of the component into {@code dst[0..width)}. */
    void line(int y, int[] dst) {
        short[] row = blockRow(y >> 3);
        int offset = (y & 7) * stride;
        for (int x = 0; x < width; x++) {
            dst[x] = row[offset + x];
        }
    }
}
