package org.noduletrack.dicom.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value left in its source file: read lazily so that headers can be parsed without touching pixel data.
 *
 * @param swapUnit bytes per unit to swap when the file is big endian (1 = read as is)
 */
public record BulkDataRef(Path file, long offset, long length, int swapUnit) implements BinaryValue {
    /** Values larger than this cannot be materialised as one array; callers read ranges instead. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    public BulkDataRef {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
    }

    @Override
    public byte[] bytes() throws IOException {
        if (length > MAX_ARRAY) {
            throw new IOException("value of " + length + " bytes is too large for one array; read it in ranges");
        }
        return read(0, (int) length);
    }

    /** Reads {@code count} bytes starting {@code from} bytes into the value. */
    public byte[] read(long from, int count) throws IOException {
        if (from < 0 || count < 0 || from + count > length) {
            throw new IndexOutOfBoundsException("range " + from + "+" + count + " outside value of " + length + " bytes");
        }
        byte[] out = new byte[count];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(out);
            long pos = offset + from;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new EOFException(file + " ends before offset " + (offset + from + count));
                }
                pos += n;
            }
        }
        if (swapUnit > 1) {
            ByteSwap.swap(out, swapUnit);
        }
        return out;
    }

    /** Byte order of the value once read: always little endian. */
    public ByteOrder order() { return ByteOrder.LITTLE_ENDIAN; }
}
