package org.noduletrack.dicom.codec.rle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RleCodecTest {

    private final RleDecoder decoder = new RleDecoder();
    private final RleEncoder encoder = new RleEncoder();

    @Test
    void decodesHandBuiltColourFragmentAsPlanes() throws Exception {
        // 2x2 RGB, 8 bit: R = replicate 4 x 0x10; G = literal 1,2,3,4; B = literal 9, no-op, replicate 3 x 7
        byte[] red = bytes(-3, 0x10);
        byte[] green = bytes(3, 1, 2, 3, 4, 0); // padded to even length
        byte[] blue = bytes(0, 9, -128, -2, 7);
        byte[] fragment = fragment(red, green, blue);

        byte[] decoded = decoder.decode(fragment, 2, 2, 3, 8);

        assertThat(decoded).containsExactly(bytes(0x10, 0x10, 0x10, 0x10, 1, 2, 3, 4, 9, 7, 7, 7));
    }

    @Test
    void decodesSixteenBitSamplesLittleEndianFromMsbFirstSegments() throws Exception {
        // 1x3 pixels 0x1234, 0x1256, 0xFF00: high bytes 12 12 FF, low bytes 34 56 00
        byte[] fragment = fragment(bytes(-1, 0x12, 0, 0xFF), bytes(2, 0x34, 0x56, 0));
        assertThat(decoder.decode(fragment, 1, 3, 1, 16)).containsExactly(bytes(0x34, 0x12, 0x56, 0x12, 0x00, 0xFF));
    }

    @ParameterizedTest
    @CsvSource({"1, 8", "1, 16", "1, 32", "3, 8", "3, 16", "3, 32"})
    void randomImagesRoundTrip(int samplesPerPixel, int bitsAllocated) throws Exception {
        Random random = new Random(31L * samplesPerPixel + bitsAllocated);
        int bps = bitsAllocated / 8;
        for (int iteration = 0; iteration < 60; iteration++) {
            int rows = 1 + random.nextInt(iteration % 5 == 0 ? 3 : 40);
            int columns = 1 + random.nextInt(iteration % 7 == 0 ? 700 : 50);
            byte[] pixels = new byte[rows * columns * samplesPerPixel * bps];
            int style = iteration % 3;
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = switch (style) {
                    case 0 -> (byte) random.nextInt(256);                               // noise: literals
                    case 1 -> (byte) (random.nextInt(50) == 0 ? random.nextInt(256) : 7); // long runs
                    default -> (byte) ((i / (1 + random.nextInt(4))) % 3);              // short runs
                };
            }
            byte[] fragment = encoder.encode(pixels, rows, columns, samplesPerPixel, bitsAllocated);
            assertWellFormed(fragment, samplesPerPixel * bps);
            byte[] decoded = decoder.decode(fragment, rows, columns, samplesPerPixel, bitsAllocated);
            assertThat(decoded).isEqualTo(toPlanar(pixels, rows * columns, samplesPerPixel, bps));
        }
    }

    @Test
    void synthesisedColourImageRoundTrips() throws Exception {
        int rows = 37;
        int columns = 300;
        byte[] rgb = new byte[rows * columns * 3];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = (y * columns + x) * 3;
                rgb[i] = (byte) (x < 150 ? 200 : x);       // run then ramp
                rgb[i + 1] = (byte) (y * 5);               // constant rows
                rgb[i + 2] = (byte) ((x * 31 + y * 17) ^ (x >> 2)); // busy
            }
        }
        byte[] fragment = encoder.encode(rgb, rows, columns, 3, 8);
        byte[] planar = decoder.decode(fragment, rows, columns, 3, 8);
        assertThat(planar).isEqualTo(toPlanar(rgb, rows * columns, 3, 1));
        assertThat(fragment.length).isLessThan(rgb.length);
    }

    @Test
    void encoderAcceptsOneTrailingPadByteAndRejectsWrongLengths() throws Exception {
        byte[] odd = new byte[3 * 3 + 1];
        Arrays.fill(odd, (byte) 5);
        byte[] fragment = encoder.encode(odd, 3, 3, 1, 8);
        assertThat(decoder.decode(fragment, 3, 3, 1, 8)).isEqualTo(Arrays.copyOf(odd, 9));
        assertThatThrownBy(() -> encoder.encode(new byte[8], 3, 3, 1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(new byte[9], 3, 3, 2, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(new byte[9], 3, 3, 1, 12)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toleratesTrailingPadding() throws Exception {
        byte[] base = fragment(bytes(-3, 0x10));
        byte[] withZeros = Arrays.copyOf(base, base.length + 6);
        assertThat(decoder.decode(withZeros, 2, 2, 1, 8)).containsExactly(bytes(0x10, 0x10, 0x10, 0x10));
        byte[] oddPad = fragment(bytes(-3, 0x10, 0x55));
        assertThat(decoder.decode(oddPad, 2, 2, 1, 8)).containsExactly(bytes(0x10, 0x10, 0x10, 0x10));
    }

    @Test
    void rejectsMismatchedOrCorruptFragments() {
        byte[] good = fragment(bytes(-3, 0x10), bytes(-3, 0x20));
        assertThatThrownBy(() -> decoder.decode(good, 2, 2, 1, 8)).isInstanceOf(RleException.class)
                .hasMessageContaining("declares 2 segments").hasMessageContaining("need 1");
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(good, 63), 2, 2, 1, 16))
                .isInstanceOf(RleException.class).hasMessageContaining("64-byte RLE header");
        assertThatThrownBy(() -> decoder.decode(null, 2, 2, 1, 16)).isInstanceOf(RleException.class);
        assertThatThrownBy(() -> decoder.decode(good, 2, 2, 2, 16)).isInstanceOf(RleException.class)
                .hasMessageContaining("samples per pixel 2");
        assertThatThrownBy(() -> decoder.decode(good, 0, 2, 1, 16)).isInstanceOf(RleException.class);
        assertThatThrownBy(() -> decoder.decode(good, 2, 2, 1, 12)).isInstanceOf(RleException.class)
                .hasMessageContaining("bits allocated 12");
        assertThatThrownBy(() -> decoder.decode(good, 65536, 65536, 3, 32)).isInstanceOf(RleException.class)
                .hasMessageContaining("too large");

        // segment shorter than the image: 4 pixels expected, 3 coded
        assertThatThrownBy(() -> decoder.decode(fragment(bytes(-2, 0x10)), 2, 2, 1, 8))
                .isInstanceOf(RleException.class).hasMessageContaining("ends after 3 of 4 bytes");
        // segment longer than the image
        assertThatThrownBy(() -> decoder.decode(fragment(bytes(-4, 0x10)), 2, 2, 1, 8))
                .isInstanceOf(RleException.class).hasMessageContaining("more than the 4 bytes");
        assertThatThrownBy(() -> decoder.decode(fragment(bytes(-3, 0x10, 1, 5, 6)), 2, 2, 1, 8))
                .isInstanceOf(RleException.class).hasMessageContaining("3 more bytes");
        // literal running past the segment into the next one
        assertThatThrownBy(() -> decoder.decode(fragment(bytes(3, 1, 2), bytes(-3, 0x20)), 2, 2, 1, 16))
                .isInstanceOf(RleException.class).hasMessageContaining("past the segment end");

        byte[] badOffset = good.clone();
        badOffset[8] = (byte) 0xF0; // second offset far beyond the fragment
        assertThatThrownBy(() -> decoder.decode(badOffset, 2, 2, 1, 16)).isInstanceOf(RleException.class)
                .hasMessageContaining("segment 1 offset");
        byte[] decreasing = good.clone();
        decreasing[8] = 10;
        decreasing[9] = 0;
        assertThatThrownBy(() -> decoder.decode(decreasing, 2, 2, 1, 16)).isInstanceOf(RleException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void truncationsAndByteFlipsOnlyRaiseRleException() throws Exception {
        byte[] pixels = new byte[23 * 19 * 3 * 2];
        Random random = new Random(5);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : i / 37);
        }
        byte[] fragment = encoder.encode(pixels, 23, 19, 3, 16);
        byte[] correct = decoder.decode(fragment, 23, 19, 3, 16);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int length = 0; length < fragment.length; length++) {
                byte[] truncated = Arrays.copyOf(fragment, length);
                try {
                    byte[] decoded = decoder.decode(truncated, 23, 19, 3, 16);
                    // only cutting the even-length padding byte may go unnoticed, and then nothing is lost
                    assertThat(length).as("undetected truncation").isEqualTo(fragment.length - 1);
                    assertThat(decoded).isEqualTo(correct);
                } catch (RleException expectedFailure) {
                    assertThat(expectedFailure.getMessage()).isNotBlank();
                }
            }
            for (int iteration = 0; iteration < 5000; iteration++) {
                byte[] corrupt = fragment.clone();
                for (int f = 1 + random.nextInt(3); f > 0; f--) {
                    int pos = random.nextBoolean() ? random.nextInt(64) : random.nextInt(corrupt.length);
                    corrupt[pos] = (byte) random.nextInt(256);
                }
                try {
                    decoder.decode(corrupt, 23, 19, 3, 16);
                } catch (RleException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        });
    }

    // --- helpers --------------------------------------------------------------------------------

    /** A fragment with the given segments (each assumed to have the length the test wants). */
    private static byte[] fragment(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[64];
        putU32(header, 0, segments.length);
        int offset = 64;
        for (int s = 0; s < segments.length; s++) {
            putU32(header, 4 + 4 * s, offset);
            offset += segments[s].length;
        }
        out.writeBytes(header);
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        return out.toByteArray();
    }

    private static void assertWellFormed(byte[] fragment, int segments) {
        assertThat(u32(fragment, 0)).isEqualTo(segments);
        assertThat(u32(fragment, 4)).isEqualTo(64);
        for (int s = 0; s < segments; s++) {
            assertThat(u32(fragment, 4 + 4 * s) % 2).as("segment %d starts at an even offset", s).isZero();
        }
        for (int s = segments; s < 15; s++) {
            assertThat(u32(fragment, 4 + 4 * s)).isZero();
        }
        assertThat(fragment.length % 2).isZero();
    }

    private static byte[] toPlanar(byte[] interleaved, int pixels, int samplesPerPixel, int bps) {
        byte[] planar = new byte[interleaved.length];
        for (int p = 0; p < pixels; p++) {
            for (int s = 0; s < samplesPerPixel; s++) {
                System.arraycopy(interleaved, (p * samplesPerPixel + s) * bps, planar, (s * pixels + p) * bps, bps);
            }
        }
        return planar;
    }

    private static void putU32(byte[] b, int pos, int value) {
        b[pos] = (byte) value;
        b[pos + 1] = (byte) (value >> 8);
        b[pos + 2] = (byte) (value >> 16);
        b[pos + 3] = (byte) (value >> 24);
    }

    private static int u32(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
