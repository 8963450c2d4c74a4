package org.noduletrack.dicom.codec.jpeg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Test-only access to the shared DICOM test files and the reference decoders (DCMTK's {@code dcmdjpeg},
 * the JDK's ImageIO JPEG reader) until the real DICOM parser exists. Pixel Data is found by scanning the
 * raw bytes of Explicit VR Little Endian files: good enough for the known test files, not a DICOM parser.
 */
final class JpegTestData {

    static final String MULTI = "dicomparser-testimages/encapsulated/multi-frame/";
    static final Path DCMDJPEG = Path.of("/usr/bin/dcmdjpeg");
    static final Path DCMCJPEG = Path.of("/usr/bin/dcmcjpeg");

    private static final byte[] ENCAPSULATED_PIXEL_DATA =
        {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1};
    private static final byte[] NATIVE_PIXEL_DATA = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0};

    private JpegTestData() {
    }

    /** The shared data folder; skips the calling test when it is not there. */
    static Path sharedData() {
        String property = System.getProperty("noduletrack.shared.data");
        Path dir = property != null ? Path.of(property) : Path.of("../../shared/data");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../../shared/data");
        }
        assumeTrue(Files.isDirectory(dir), "shared test data not found at " + dir.toAbsolutePath());
        return dir;
    }

    /** A file below the shared data folder, skipping the test when it is missing. */
    static Path file(String relativePath) {
        Path file = sharedData().resolve(relativePath);
        assumeTrue(Files.isRegularFile(file), "test file missing: " + file);
        return file;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(String relativePath) {
        return read(file(relativePath));
    }

    // ------------------------------------------------------------------ encapsulated pixel data

    /**
     * The fragments of encapsulated Pixel Data: (7FE0,0010) OB with undefined length, then items
     * (FFFE,E000) up to the sequence delimiter (FFFE,E0DD). The Basic Offset Table (first item) is left out.
     */
    static List<byte[]> fragments(byte[] file) {
        int pos = lastIndexOf(file, ENCAPSULATED_PIXEL_DATA);
        if (pos < 0) {
            throw new IllegalArgumentException("no encapsulated Pixel Data element found");
        }
        pos += ENCAPSULATED_PIXEL_DATA.length;
        List<byte[]> fragments = new ArrayList<>();
        boolean offsetTable = true;
        while (true) {
            if (pos + 8 > file.length) {
                throw new IllegalArgumentException("pixel data sequence truncated at " + pos);
            }
            int group = u16(file, pos);
            int element = u16(file, pos + 2);
            long length = u32(file, pos + 4);
            pos += 8;
            if (group == 0xFFFE && element == 0xE0DD) {
                return fragments;
            }
            if (group != 0xFFFE || element != 0xE000 || pos + length > file.length) {
                throw new IllegalArgumentException("unexpected element in pixel data sequence at " + (pos - 8));
            }
            if (!offsetTable) {
                fragments.add(Arrays.copyOfRange(file, pos, pos + (int) length));
            }
            offsetTable = false;
            pos += (int) length;
        }
    }

    /** The JPEG codestream of each frame: a new frame starts at each fragment that begins with SOI (FF D8). */
    static List<byte[]> jpegFrames(byte[] file) {
        List<byte[]> frames = new ArrayList<>();
        ByteArrayOutputStream current = null;
        for (byte[] fragment : fragments(file)) {
            boolean startsFrame = fragment.length >= 2 && fragment[0] == (byte) 0xFF && fragment[1] == (byte) 0xD8;
            if (startsFrame || current == null) {
                if (current != null) {
                    frames.add(current.toByteArray());
                }
                current = new ByteArrayOutputStream();
            }
            current.writeBytes(fragment);
        }
        if (current != null) {
            frames.add(current.toByteArray());
        }
        return frames;
    }

    // ------------------------------------------------------------------ native pixel data

    /** The bytes of native (7FE0,0010) OW Pixel Data of an Explicit VR Little Endian file. */
    static byte[] nativePixelBytes(byte[] file) {
        int pos = lastIndexOf(file, NATIVE_PIXEL_DATA);
        if (pos < 0) {
            throw new IllegalArgumentException("no native OW Pixel Data element found");
        }
        long length = u32(file, pos + NATIVE_PIXEL_DATA.length);
        int start = pos + NATIVE_PIXEL_DATA.length + 4;
        return Arrays.copyOfRange(file, start, start + (int) length);
    }

    /** Native OW Pixel Data as little-endian unsigned 16-bit samples. */
    static int[] nativeSamples16(byte[] file) {
        byte[] bytes = nativePixelBytes(file);
        int[] samples = new int[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = u16(bytes, 2 * i);
        }
        return samples;
    }

    /** Value of a top-level US element, e.g. (0028,0010) Rows. */
    static int us(byte[] file, int group, int element) {
        int pos = usPosition(file, group, element);
        if (pos < 0) {
            throw new IllegalArgumentException(String.format("no US element (%04X,%04X)", group, element));
        }
        return u16(file, pos);
    }

    /** Offset of the 2-byte value of a US element with the given tag, or -1. */
    static int usPosition(byte[] file, int group, int element) {
        byte[] header = {(byte) group, (byte) (group >> 8), (byte) element, (byte) (element >> 8), 'U', 'S', 2, 0};
        int pos = lastIndexOf(file, header);
        return pos < 0 ? -1 : pos + header.length;
    }

    /**
     * Number of Frames (0028,0008) IS, or, when absent, the native pixel data length divided by the frame
     * size of 16-bit samples.
     */
    static int numberOfFrames(byte[] file) {
        byte[] header = {0x28, 0x00, 0x08, 0x00, 'I', 'S'};
        int pos = lastIndexOf(file, header);
        if (pos >= 0) {
            int length = u16(file, pos + 6);
            String value = new String(file, pos + 8, length, StandardCharsets.US_ASCII).trim();
            return Integer.parseInt(value);
        }
        int frameBytes = us(file, 0x0028, 0x0010) * us(file, 0x0028, 0x0011) * 2;
        return nativePixelBytes(file).length / frameBytes;
    }

    // ------------------------------------------------------------------ reference decoders

    /** Runs a DCMTK tool (skipping the test if it is not installed) and returns the output file. */
    static Path dcmtk(Path tool, Path tempDir, Path input, String outputName, String... options) {
        assumeTrue(Files.isExecutable(tool), tool + " not installed");
        Path output = tempDir.resolve(outputName);
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(options));
        command.add(input.toString());
        command.add(output.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tempDir.resolve(outputName + ".log").toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed with exit code " + process.exitValue() + ": "
                    + Files.readString(tempDir.resolve(outputName + ".log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return output;
    }

    /**
     * Decodes a JPEG codestream with the JDK's own ImageIO JPEG reader (IJG libjpeg 6b) as a Raster, i.e.
     * without colour conversion, into pixel-interleaved samples. The TwelveMonkeys plugin on the class path is
     * bypassed on purpose.
     */
    static int[] jdkRaster(byte[] codestream) throws IOException {
        ImageReader reader = jdkJpegReader();
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(codestream))) {
            reader.setInput(in);
            Raster raster = reader.readRaster(0, null);
            return raster.getPixels(raster.getMinX(), raster.getMinY(), raster.getWidth(), raster.getHeight(),
                (int[]) null);
        } finally {
            reader.dispose();
        }
    }

    static ImageReader jdkJpegReader() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageReader")) {
                return reader;
            }
            reader.dispose();
        }
        assumeTrue(false, "the JDK's own JPEG ImageReader is not available");
        return null;
    }

    /**
     * A copy of an encapsulated (JPEG) DICOM file with its Pixel Data replaced by the given frames, one
     * fragment each, and Rows/Columns patched; everything else (Number of Frames included) is kept, so the
     * number of frames must match the template's. Lets DCMTK decode synthetic codestreams.
     */
    static byte[] withFrames(byte[] template, List<byte[]> frames, int rows, int columns) {
        int pixelData = lastIndexOf(template, ENCAPSULATED_PIXEL_DATA);
        if (pixelData < 0) {
            throw new IllegalArgumentException("template has no encapsulated Pixel Data");
        }
        byte[] prefix = Arrays.copyOf(template, pixelData);
        int rowsAt = usPosition(prefix, 0x0028, 0x0010);
        int columnsAt = usPosition(prefix, 0x0028, 0x0011);
        prefix[rowsAt] = (byte) rows;
        prefix[rowsAt + 1] = (byte) (rows >> 8);
        prefix[columnsAt] = (byte) columns;
        prefix[columnsAt + 1] = (byte) (columns >> 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        out.writeBytes(ENCAPSULATED_PIXEL_DATA);
        item(out, 0xE000, new byte[0]); // empty Basic Offset Table
        for (byte[] frame : frames) {
            item(out, 0xE000, frame.length % 2 == 0 ? frame : Arrays.copyOf(frame, frame.length + 1));
        }
        item(out, 0xE0DD, new byte[0]);
        return out.toByteArray();
    }

    private static void item(ByteArrayOutputStream out, int element, byte[] value) {
        out.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) element, (byte) (element >> 8),
            (byte) value.length, (byte) (value.length >> 8), (byte) (value.length >> 16), (byte) (value.length >> 24)});
        out.writeBytes(value);
    }

    /**
     * A reproducible test image with smooth gradients, sharp-edged rectangles, fine texture, noise and
     * saturated areas at 0 and 2^P-1 (so the IDCT's clamping is exercised), pixel-interleaved.
     */
    static int[] syntheticImage(int width, int height, int components, int precision, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int max = (1 << precision) - 1;
        int[] samples = new int[width * height * components];
        int rects = 6;
        int[][] rect = new int[rects][5];
        for (int[] r : rect) {
            r[0] = random.nextInt(Math.max(1, width));
            r[1] = random.nextInt(Math.max(1, height));
            r[2] = 1 + random.nextInt(Math.max(1, width / 2));
            r[3] = 1 + random.nextInt(Math.max(1, height / 2));
            r[4] = random.nextInt(3) == 0 ? (random.nextBoolean() ? 0 : max) : random.nextInt(max + 1);
        }
        for (int c = 0; c < components; c++) {
            double phase = random.nextDouble() * 6;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double value = max * (0.5 + 0.3 * Math.sin((x + 2.0 * y) / (7.0 + 3 * c) + phase)
                        + 0.15 * Math.cos(x * y / 50.0)) + random.nextGaussian() * max / 40;
                    for (int r = 0; r < rects; r++) {
                        if ((r + c) % 2 == 0 && x >= rect[r][0] && x < rect[r][0] + rect[r][2]
                            && y >= rect[r][1] && y < rect[r][1] + rect[r][3]) {
                            value = rect[r][4];
                        }
                    }
                    samples[(y * width + x) * components + c] = (int) Math.max(0, Math.min(max, Math.round(value)));
                }
            }
        }
        return samples;
    }

    // ------------------------------------------------------------------ helpers

    static int lastIndexOf(byte[] data, byte[] pattern) {
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

    static int u16(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int pos) {
        return u16(b, pos) | (long) u16(b, pos + 2) << 16;
    }
}
