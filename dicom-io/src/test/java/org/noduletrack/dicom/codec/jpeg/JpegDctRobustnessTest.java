package org.noduletrack.dicom.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and randomly corrupted codestreams must either decode to a well-formed image or fail with a
 * {@link JpegDctException}: never another exception, never a hang.
 */
class JpegDctRobustnessTest {

    private final JpegDctDecoder decoder = new JpegDctDecoder();

    /** Outcome of one decode: true if it succeeded, false if it was rejected with a JpegDctException. */
    private boolean decodeOrReject(byte[] data, String what) {
        try {
            JpegDctImage image = decoder.decode(data);
            assertThat(image.samples()).as(what).hasSize(image.width() * image.height() * image.components());
            int max = (1 << image.precision()) - 1;
            for (int sample : image.samples()) {
                if (sample < 0 || sample > max) {
                    throw new AssertionError(what + ": sample " + sample + " outside 0.." + max);
                }
            }
            return true;
        } catch (JpegDctException e) {
            assertThat(e.getMessage()).as(what).contains("at byte offset");
            assertThat(e.offset()).as(what).isBetween(0, data.length);
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": unexpected " + e, e);
        }
    }

    private static byte[] ctFrame() {
        return JpegTestData.jpegFrames(JpegTestData.read(JpegDctRealDataTest.CT_JPEG_12)).get(0);
    }

    private static byte[] ultrasoundFrame() {
        return JpegTestData.jpegFrames(JpegTestData.read(JpegDctRealDataTest.US_JPEG_8)).get(3);
    }

    private static byte[] synthetic12BitWithRestarts() {
        TestJpegEncoder encoder = new TestJpegEncoder();
        encoder.precision = 12;
        encoder.sofMarker = 0xC1;
        encoder.restartInterval = 3;
        encoder.sixteenBitDqt = true;
        return encoder.encode(64, 40, 1, JpegTestData.syntheticImage(64, 40, 1, 12, 5));
    }

    private static byte[] syntheticColourNonInterleaved() {
        TestJpegEncoder encoder = new TestJpegEncoder();
        encoder.h = new int[] {2, 1, 1};
        encoder.v = new int[] {2, 1, 1};
        encoder.interleaved = false;
        encoder.restartInterval = 2;
        encoder.fillBytes = 1;
        encoder.extraSegments = true;
        return encoder.encode(37, 29, 3, JpegTestData.syntheticImage(37, 29, 3, 8, 6));
    }

    /** Offset of the final EOI marker, including any fill bytes before it. */
    private static int eoi(byte[] data) {
        assertThat(data[data.length - 2]).isEqualTo((byte) 0xFF);
        assertThat(data[data.length - 1]).isEqualTo((byte) 0xD9);
        int eoi = data.length - 2;
        while (data[eoi - 1] == (byte) 0xFF) {
            eoi--;
        }
        return eoi;
    }

    /** Offset just past the header of the first SOS segment. */
    private static int firstScanData(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == (byte) 0xFF && data[i + 1] == (byte) 0xDA) {
                return i + 2 + (((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF));
            }
        }
        throw new IllegalArgumentException("no SOS");
    }

    private void assertTruncations(byte[] data, String name, int step) {
        int eoi = eoi(data);
        int headerEnd = firstScanData(data) + 64;
        for (int length = 0; length <= data.length; length++) {
            boolean dense = length < headerEnd || length > data.length - 64;
            if (!dense && length % step != 0) {
                continue;
            }
            boolean decoded = decodeOrReject(Arrays.copyOf(data, length), name + " truncated to " + length);
            // everything before EOI is needed; without EOI (or with half of it) the image is complete
            assertThat(decoded).as("%s truncated to %d of %d bytes decodes", name, length, data.length)
                .isEqualTo(length >= eoi);
        }
    }

    @Test
    void everyTruncationOfSmallCodestreams() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertTruncations(synthetic12BitWithRestarts(), "12-bit grey with restarts", 1);
            assertTruncations(syntheticColourNonInterleaved(), "8-bit 4:2:0 non-interleaved", 1);
        });
    }

    @Test
    void truncationsOfRealFrames() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            // every length through the headers, the start of the scan and the end; every 37th in between
            assertTruncations(ctFrame(), "CT0012 12-bit frame", 37);
            assertTruncations(ultrasoundFrame(), "IM00001 8-bit colour frame", 37);
        });
    }

    @Test
    void randomByteCorruptionNeverEscapes() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            byte[][] sources =
                {ctFrame(), ultrasoundFrame(), synthetic12BitWithRestarts(), syntheticColourNonInterleaved()};
            String[] names = {"CT0012 frame", "IM00001 frame", "12-bit restarts", "colour non-interleaved"};
            Random random = new Random(0x4A504547L);
            for (int s = 0; s < sources.length; s++) {
                byte[] source = sources[s];
                int headerEnd = firstScanData(source);
                int decoded = 0;
                int rejected = 0;
                int iterations = 1500;
                for (int iteration = 0; iteration < iterations; iteration++) {
                    byte[] data = mutate(source, headerEnd, random);
                    if (decodeOrReject(data, names[s] + " mutation " + iteration)) {
                        decoded++;
                    } else {
                        rejected++;
                    }
                }
                System.out.printf("%s: %d corrupted variants decoded, %d rejected%n", names[s], decoded, rejected);
                assertThat(rejected).as("most corruptions are detected").isGreaterThan(0);
            }
        });
    }

    /** One to four random changes: byte flips (often in the headers), inserted markers, removed bytes. */
    private static byte[] mutate(byte[] source, int headerEnd, Random random) {
        byte[] data = source.clone();
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            int kind = random.nextInt(10);
            int limit = random.nextBoolean() ? Math.min(headerEnd, data.length) : data.length;
            int at = random.nextInt(limit);
            if (kind < 6) {
                data[at] = (byte) random.nextInt(256);
            } else if (kind < 7) {
                data[at] ^= (byte) (1 << random.nextInt(8));
            } else if (kind < 9) {
                // a marker (often a restart marker or EOI) where there should be none
                int code = random.nextBoolean() ? 0xD0 + random.nextInt(10) : random.nextInt(256);
                byte[] marker = {(byte) 0xFF, (byte) code};
                byte[] longer = new byte[data.length + 2];
                System.arraycopy(data, 0, longer, 0, at);
                System.arraycopy(marker, 0, longer, at, 2);
                System.arraycopy(data, at, longer, at + 2, data.length - at);
                data = longer;
            } else {
                int count = 1 + random.nextInt(8);
                int end = Math.min(data.length, at + count);
                byte[] shorter = new byte[data.length - (end - at)];
                System.arraycopy(data, 0, shorter, 0, at);
                System.arraycopy(data, end, shorter, at, data.length - end);
                data = shorter;
            }
        }
        return data;
    }

    @Test
    void randomGarbageAfterSoi() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(42);
            byte[] header = Arrays.copyOf(synthetic12BitWithRestarts(), firstScanData(synthetic12BitWithRestarts()));
            for (int iteration = 0; iteration < 2000; iteration++) {
                byte[] garbage = new byte[random.nextInt(3000)];
                random.nextBytes(garbage);
                byte[] data;
                if (iteration % 2 == 0) {
                    data = new byte[garbage.length + 2];
                    data[0] = (byte) 0xFF;
                    data[1] = (byte) 0xD8;
                } else {
                    // valid headers followed by random "entropy-coded data"
                    data = Arrays.copyOf(header, header.length + garbage.length);
                }
                System.arraycopy(garbage, 0, data, data.length - garbage.length, garbage.length);
                decodeOrReject(data, "garbage " + iteration);
            }
        });
    }
}
