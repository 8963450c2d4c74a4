package org.noduletrack.dicom.codec.jpegls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Truncated, corrupt and unsupported input must end in a JpegLsException, quickly, and nothing else. */
class JpegLsRobustnessTest {

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @ParameterizedTest
    @ValueSource(strings = {"gray8", "gray16", "rgb8None", "rgb8Sample", "rgb8Line", "gray8Restart",
        "gray8OnePixel", "gray8Near3", "gray6CustomThresholds"})
    void everyTruncationIsReported(String name) {
        byte[] codestream = JpegLsVectors.named(name).codestream();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int length = 0; length < codestream.length; length++) {
                byte[] truncated = Arrays.copyOf(codestream, length);
                int len = length;
                assertThatThrownBy(() -> decoder.decode(truncated))
                        .as("truncated to %d of %d bytes", len, codestream.length)
                        .isInstanceOf(JpegLsException.class)
                        .hasMessageContaining("at byte offset");
            }
        });
    }

    @Test
    void truncatedRealImageIsReported() {
        byte[] file = DicomTestFiles.read(
                "dicomparser-testimages/encapsulated/single-frame/CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm");
        byte[] codestream = DicomTestFiles.jpegFrames(file).get(0);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int length = 0; length < codestream.length; length += length < 200 ? 1 : 997) {
                assertThrowsOnlyCodecException(Arrays.copyOf(codestream, length), true);
            }
            for (int length = codestream.length - 64; length < codestream.length; length++) {
                assertThrowsOnlyCodecException(Arrays.copyOf(codestream, length), true);
            }
        });
    }

    @Test
    void randomByteFlipsNeverEscapeAsOtherExceptions() {
        List<byte[]> seeds = List.of(
                JpegLsVectors.named("gray8").codestream(),
                JpegLsVectors.named("gray16").codestream(),
                JpegLsVectors.named("rgb8Sample").codestream(),
                JpegLsVectors.named("rgb8LineRestart").codestream(),
                JpegLsVectors.named("gray16RestartNear2").codestream(),
                JpegLsVectors.named("rgb8None").codestream());
        Random random = new Random(0x15014495L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int iteration = 0; iteration < 6000; iteration++) {
                byte[] data = seeds.get(iteration % seeds.size()).clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    // half of the mutations hit the headers, where the parsing decisions are
                    int pos = random.nextBoolean() ? random.nextInt(Math.min(48, data.length))
                            : random.nextInt(data.length);
                    data[pos] = random.nextInt(4) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
                }
                assertThrowsOnlyCodecException(data, false);
            }
        });
    }

    @Test
    void randomGarbageIsRejected() {
        Random random = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int iteration = 0; iteration < 2000; iteration++) {
                byte[] data = new byte[random.nextInt(200)];
                random.nextBytes(data);
                if (data.length >= 2 && random.nextBoolean()) {
                    data[0] = (byte) 0xFF;
                    data[1] = (byte) 0xD8;
                }
                assertThrowsOnlyCodecException(data, false);
            }
        });
    }

    private void assertThrowsOnlyCodecException(byte[] data, boolean mustThrow) {
        try {
            JpegLsImage image = decoder.decode(data);
            if (mustThrow) {
                throw new AssertionError("decoded " + data.length + " bytes without error: " + image.width() + "x"
                        + image.height());
            }
        } catch (JpegLsException expected) {
            assertThat(expected.getMessage()).contains("at byte offset");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("decoder threw " + e + " for input " + hex(data), e);
        }
    }

    @Test
    void rejectsEmptyAndForeignInput() {
        assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(JpegLsException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> decoder.decode(new byte[] {0x12, 0x34})).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("expected a marker");
        assertThatThrownBy(() -> decoder.decode(bytes(0xFF, 0xD8, 0xFF, 0xD9))).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("EOI before any scan");
        assertThatThrownBy(() -> decoder.decode(bytes(0xFF, 0xD8, 0xFF, 0xC0, 0, 11)))
                .hasMessageContaining("SOF0");
    }

    @Test
    void rejectsOversizedImageBeforeAllocating() {
        // 20000 x 20000 x 1 = 4e8 samples > 2^28
        byte[] cs = frame(8, 20000, 20000, 1, sos(1, 0, 0));
        assertThatThrownBy(() -> decoder.decode(cs)).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("exceeds the supported maximum");
        // plausible size but far more than a few bytes of scan data could hold
        byte[] small = frame(16, 16000, 16000, 1, sos(1, 0, 0));
        assertThatThrownBy(() -> decoder.decode(small)).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("cannot fit");
    }

    @Test
    void rejectsInvalidFrameAndScanHeaders() {
        assertThatThrownBy(() -> decoder.decode(frame(1, 8, 8, 1, sos(1, 0, 0))))
                .hasMessageContaining("precision 1");
        assertThatThrownBy(() -> decoder.decode(frame(17, 8, 8, 1, sos(1, 0, 0))))
                .hasMessageContaining("precision 17");
        assertThatThrownBy(() -> decoder.decode(frame(8, 0, 8, 1, sos(1, 0, 0))))
                .hasMessageContaining("zero width or height");
        assertThatThrownBy(() -> decoder.decode(frame(8, 8, 8, 1, sos(1, 0, 3))))
                .hasMessageContaining("interleave mode 3");
        assertThatThrownBy(() -> decoder.decode(frame(8, 8, 8, 1, sos(1, 200, 0))))
                .hasMessageContaining("NEAR 200");
        assertThatThrownBy(() -> decoder.decode(frame(8, 8, 8, 1, sos(9, 0, 0))))
                .hasMessageContaining("unknown component id 9");
        byte[] mapped = frame(8, 8, 8, 1, sos(1, 0, 0));
        mapped[indexOf(mapped, 0xDA) + 6] = 1; // Tm of the only component
        assertThatThrownBy(() -> decoder.decode(mapped)).hasMessageContaining("mapping tables");
        byte[] pointTransform = frame(8, 8, 8, 1, sos(1, 0, 0));
        pointTransform[indexOf(pointTransform, 0xDA) + 9] = 2;
        assertThatThrownBy(() -> decoder.decode(pointTransform)).hasMessageContaining("point transform");
    }

    @Test
    void rejectsHpColourTransforms() {
        byte[] lse13 = insertAfterSof(JpegLsVectors.named("rgb8Line").codestream(), bytes(0xFF, 0xF8, 0, 3, 13));
        assertThatThrownBy(() -> decoder.decode(lse13)).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("HP colour transform");
        byte[] app8 = insertAfterSof(JpegLsVectors.named("rgb8Line").codestream(),
                bytes(0xFF, 0xE8, 0, 7, 'm', 'r', 'f', 'x', 1));
        assertThatThrownBy(() -> decoder.decode(app8)).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("HP colour transform 1");
        byte[] noTransform = insertAfterSof(JpegLsVectors.named("rgb8Line").codestream(),
                bytes(0xFF, 0xE8, 0, 7, 'm', 'r', 'f', 'x', 0));
        assertThat(catchDecode(noTransform).samples())
                .isEqualTo(JpegLsVectors.named("rgb8Line").pattern());
    }

    @Test
    void rejectsInvalidPresetParameters() {
        byte[] cs = JpegLsVectors.named("gray8").codestream();
        assertThatThrownBy(() -> decoder.decode(insertAfterSof(cs, lse(0, 0x300, 0, 0, 0))))
                .isInstanceOf(JpegLsException.class).hasMessageContaining("LSE T1 768 outside 1..255");
        assertThatThrownBy(() -> decoder.decode(insertAfterSof(cs, lse(0, 10, 5, 0, 0))))
                .hasMessageContaining("LSE T2 5 outside 10..255");
        assertThatThrownBy(() -> decoder.decode(insertAfterSof(cs, lse(0, 0, 0, 0, 2))))
                .hasMessageContaining("LSE RESET 2");
        assertThatThrownBy(() -> decoder.decode(insertAfterSof(cs, lse(256, 0, 0, 0, 0))))
                .hasMessageContaining("MAXVAL 256 exceeds");
        assertThatThrownBy(() -> decoder.decode(insertAfterSof(cs, bytes(0xFF, 0xF8, 0, 4, 1, 0))))
                .hasMessageContaining("expected 13");
        assertThatThrownBy(() -> decoder.decode(insertAfterSof(cs, bytes(0xFF, 0xF8, 0, 3, 9))))
                .hasMessageContaining("unknown LSE id 9");
    }

    private static byte[] lse(int maxVal, int t1, int t2, int t3, int reset) {
        return bytes(0xFF, 0xF8, 0, 13, 1, maxVal >> 8, maxVal, t1 >> 8, t1, t2 >> 8, t2, t3 >> 8, t3, reset >> 8, reset);
    }

    @Test
    void acceptsOversizeDimensionsSegmentCommentsAndFillBytes() throws Exception {
        JpegLsVectors.Vector v = JpegLsVectors.named("gray8");
        byte[] cs = v.codestream();
        int sof = indexOf(cs, 0xF7);
        cs[sof + 5] = 0; // Y
        cs[sof + 6] = 0;
        cs[sof + 7] = 0; // X
        cs[sof + 8] = 0;
        byte[] lse4 = bytes(0xFF, 0xF8, 0, 12, 4, 4, 0, 0, 0, v.height(), 0, 0, 0, v.width());
        byte[] comment = bytes(0xFF, 0xFE, 0, 5, 'h', 'i', '!');
        byte[] withOversize = insertAfterSof(cs, concat(lse4, comment));
        // a 0xFF fill byte before EOI, as some encoders pad odd lengths (T.81 B.1.1.2)
        byte[] padded = concat(Arrays.copyOf(withOversize, withOversize.length - 2), bytes(0xFF, 0xFF, 0xD9));

        JpegLsImage image = decoder.decode(padded);

        assertThat(image.width()).isEqualTo(v.width());
        assertThat(image.height()).isEqualTo(v.height());
        assertThat(image.samples()).isEqualTo(v.pattern());
        assertThat(image.sample(3, 2, 0)).isEqualTo(v.pattern()[2 * v.width() + 3]);
    }

    @Test
    void ignoresBytesAfterEoi() throws Exception {
        JpegLsVectors.Vector v = JpegLsVectors.named("gray12");
        byte[] padded = concat(v.codestream(), bytes(0, 0, 0));
        assertThat(decoder.decode(padded).samples()).isEqualTo(v.pattern());
    }

    @Test
    void reportsMissingComponentScan() {
        byte[] cs = JpegLsVectors.named("rgb8None").codestream();
        // drop everything from the second SOS on and end the stream there
        int second = indexOf(cs, 0xDA, indexOf(cs, 0xDA) + 2);
        byte[] oneScan = concat(Arrays.copyOf(cs, second), bytes(0xFF, 0xD9));
        assertThatThrownBy(() -> decoder.decode(oneScan)).isInstanceOf(JpegLsException.class)
                .hasMessageContaining("EOI before component 2");
    }

    private JpegLsImage catchDecode(byte[] data) {
        try {
            return decoder.decode(data);
        } catch (JpegLsException e) {
            throw new AssertionError(e);
        }
    }

    // --- tiny codestream builders -------------------------------------------------------------

    private static byte[] frame(int bits, int height, int width, int components, byte[] scan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0xFF, 0xD8, 0xFF, 0xF7, 0, 8 + 3 * components, bits, height >> 8, height & 0xFF,
                width >> 8, width & 0xFF, components));
        for (int i = 1; i <= components; i++) {
            out.writeBytes(bytes(i, 0x11, 0));
        }
        out.writeBytes(scan);
        out.writeBytes(new byte[16]);
        out.writeBytes(bytes(0xFF, 0xD9));
        return out.toByteArray();
    }

    private static byte[] sos(int componentId, int near, int ilv) {
        return bytes(0xFF, 0xDA, 0, 8, 1, componentId, 0, near, ilv, 0);
    }

    private static byte[] insertAfterSof(byte[] cs, byte[] segment) {
        int sof = indexOf(cs, 0xF7);
        int end = sof + 2 + ((cs[sof + 2] & 0xFF) << 8 | (cs[sof + 3] & 0xFF));
        return concat(concat(Arrays.copyOf(cs, end), segment), Arrays.copyOfRange(cs, end, cs.length));
    }

    private static int indexOf(byte[] cs, int marker) {
        return indexOf(cs, marker, 0);
    }

    private static int indexOf(byte[] cs, int marker, int from) {
        for (int i = from; i + 1 < cs.length; i++) {
            if (cs[i] == (byte) 0xFF && cs[i + 1] == (byte) marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("marker not found");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String hex(byte[] data) {
        String all = java.util.HexFormat.of().formatHex(data);
        return all.length() > 400 ? all.substring(0, 400) + "..." : all;
    }
}
