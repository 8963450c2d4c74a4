package org.noduletrack.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only access to the shared DICOM test files until the real parser exists: finds Pixel Data by
 * scanning the raw bytes of Explicit VR Little Endian files. Good enough for the known test files, not a
 * DICOM parser. Public so that the RLE codec tests can use it too.
 */
public final class DicomTestFiles {

    private DicomTestFiles() {
    }

    /** The shared data folder; skips the calling test when it is not there. */
    public static Path sharedData() {
        String property = System.getProperty("noduletrack.shared.data");
        Path dir = property != null ? Path.of(property) : Path.of("../../shared/data");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../../shared/data");
        }
        assumeTrue(Files.isDirectory(dir), "shared test data not found at " + dir.toAbsolutePath());
        return dir;
    }

    /** Reads a file below the shared data folder, skipping the test when it is missing. */
    public static byte[] read(String relativePath) {
        Path file = sharedData().resolve(relativePath);
        assumeTrue(Files.isRegularFile(file), "test file missing: " + file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fragments of encapsulated Pixel Data: (7FE0,0010) OB with undefined length, then items. The
     * Basic Offset Table (first item) is not included.
     */
    public static List<byte[]> fragments(byte[] file) {
        byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1};
        int pos = lastIndexOf(file, header);
        if (pos < 0) {
            throw new IllegalArgumentException("no encapsulated Pixel Data element found");
        }
        pos += header.length;
        List<byte[]> fragments = new ArrayList<>();
        boolean first = true;
        while (true) {
            int group = u16(file, pos);
            int element = u16(file, pos + 2);
            int length = (int) u32(file, pos + 4);
            pos += 8;
            if (group == 0xFFFE && element == 0xE0DD) {
                return fragments;
            }
            if (group != 0xFFFE || element != 0xE000) {
                throw new IllegalArgumentException("unexpected element in pixel data sequence at " + (pos - 8));
            }
            if (!first) {
                fragments.add(Arrays.copyOfRange(file, pos, pos + length));
            }
            first = false;
            pos += length;
        }
    }

    /** The JPEG codestream of each frame: fragments are grouped by the SOI marker that starts a frame. */
    public static List<byte[]> jpegFrames(byte[] file) {
        List<byte[]> frames = new ArrayList<>();
        byte[] current = null;
        for (byte[] fragment : fragments(file)) {
            boolean startsFrame = fragment.length >= 2 && fragment[0] == (byte) 0xFF && fragment[1] == (byte) 0xD8;
            if (startsFrame || current == null) {
                if (current != null) {
                    frames.add(current);
                }
                current = fragment;
            } else {
                byte[] joined = Arrays.copyOf(current, current.length + fragment.length);
                System.arraycopy(fragment, 0, joined, current.length, fragment.length);
                current = joined;
            }
        }
        if (current != null) {
            frames.add(current);
        }
        return frames;
    }

    /** Native (7FE0,0010) OW pixel data of an Explicit VR Little Endian file, as unsigned 16-bit values. */
    public static int[] nativeSamples16(byte[] file) {
        byte[] nativePixelData = nativePixelBytes(file);
        int[] samples = new int[nativePixelData.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = u16(nativePixelData, 2 * i);
        }
        return samples;
    }

    /** The raw bytes of native (7FE0,0010) OW pixel data of an Explicit VR Little Endian file. */
    public static byte[] nativePixelBytes(byte[] file) {
        byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0};
        int pos = lastIndexOf(file, header);
        if (pos < 0) {
            throw new IllegalArgumentException("no native OW Pixel Data element found");
        }
        long length = u32(file, pos + header.length);
        int start = pos + header.length + 4;
        return Arrays.copyOfRange(file, start, start + (int) length);
    }

    /** Value of a top-level US element of an Explicit VR Little Endian data set, e.g. (0028,0101). */
    public static int us(byte[] file, int group, int element) {
        byte[] header = {(byte) group, (byte) (group >> 8), (byte) element, (byte) (element >> 8), 'U', 'S', 2, 0};
        int pos = lastIndexOf(file, header);
        if (pos < 0) {
            throw new IllegalArgumentException(String.format("no US element (%04X,%04X)", group, element));
        }
        return u16(file, pos + header.length);
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = data.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int u16(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int pos) {
        return u16(b, pos) | (long) u16(b, pos + 2) << 16;
    }
}
