package org.noduletrack.dicom.io;

/**
 * What the reader keeps in memory.
 *
 * @param pixelData          what to do with (7FE0,0010) and the float pixel data elements
 * @param bulkDataThreshold  other binary values longer than this stay in the file (when reading a file), in bytes
 * @param maxInlineValue     a value longer than this is never read into memory: the file is rejected if it cannot be left there
 * @param maxDepth           deepest sequence nesting accepted; deeper input is treated as corrupt
 */
public record ReadOptions(PixelDataMode pixelData, long bulkDataThreshold, long maxInlineValue, int maxDepth) {
    /** What happens at the pixel data element. */
    public enum PixelDataMode {
        /** Stop before pixel data: the fastest header-only read. */
        STOP,
        /** Record where pixel data (or each fragment) lies in the file, without reading it. */
        REFERENCE,
        /** Read pixel data into memory. */
        INLINE
    }

    public static final long DEFAULT_MAX_INLINE = 512L << 20;
    /** Deepest nesting a caller may ask for: deeper recursion risks the stack of small worker threads. */
    public static final int MAX_DEPTH_LIMIT = 256;

    public ReadOptions {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be 1.." + MAX_DEPTH_LIMIT + ", not " + maxDepth);
        }
        if (bulkDataThreshold < 0 || maxInlineValue < 0) {
            throw new IllegalArgumentException("negative size limit");
        }
    }

    /** Header and pixel data positions; pixels are read per frame on demand. */
    public static ReadOptions defaults() {
        return new ReadOptions(PixelDataMode.REFERENCE, 64 * 1024, DEFAULT_MAX_INLINE, 64);
    }

    public static ReadOptions headerOnly() {
        return new ReadOptions(PixelDataMode.STOP, 64 * 1024, DEFAULT_MAX_INLINE, 64);
    }

    public static ReadOptions everythingInMemory() {
        return new ReadOptions(PixelDataMode.INLINE, Long.MAX_VALUE, DEFAULT_MAX_INLINE, 64);
    }
}
