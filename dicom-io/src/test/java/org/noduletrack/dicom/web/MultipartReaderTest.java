package org.noduletrack.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    /** Hands out the bytes in small random pieces, so delimiters fall across reads at every possible offset. */
    private static InputStream dribble(byte[] b, long seed) {
        Random r = new Random(seed);
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] out, int off, int len) {
                return super.read(out, off, Math.min(len, 1 + r.nextInt(7)));
            }
        };
    }

    static byte[] multipart(String boundary, List<byte[]> parts, boolean withLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("preamble to ignore\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] p : parts) {
            String h = "--" + boundary + "  \r\nContent-Type: application/dicom; transfer-syntax=1.2.840.10008.1.2.1\r\n"
                    + (withLength ? "Content-Length: " + p.length + "\r\n" : "") + "\r\n";
            out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** Parts whose content looks like the delimiter's beginning: CR LF, "--", the boundary without its last byte. */
    static List<byte[]> trickyParts(String boundary, Random r) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(new byte[0]);
        parts.add(("\r\n--" + boundary.substring(0, boundary.length() - 1) + "X\r\n--\r\r\n-").getBytes(StandardCharsets.ISO_8859_1));
        byte[] big = new byte[3 * MultipartReader.BUFFER + 17];
        r.nextBytes(big);
        parts.add(big);
        parts.add(new byte[] {'\r'});
        return parts;
    }

    private static List<byte[]> readAll(InputStream in, String boundary) throws IOException {
        List<byte[]> got = new ArrayList<>();
        new MultipartReader(in, boundary, () -> false).readAll((part, body) -> {
            assertThat(part.transferSyntax()).contains("1.2.840.10008.1.2.1");
            got.add(body.readAllBytes());
        });
        return got;
    }

    @Test
    void partsComeOutByteIdenticalWhateverTheReadSizes() throws IOException {
        String boundary = "b0undary-with-some-length-0123456789";
        Random r = new Random(7);
        List<byte[]> parts = trickyParts(boundary, r);
        for (long seed = 0; seed < 20; seed++) {
            for (boolean withLength : new boolean[] {true, false}) {
                List<byte[]> got = readAll(dribble(multipart(boundary, parts, withLength), seed), boundary);
                assertThat(got).hasSize(parts.size());
                for (int i = 0; i < parts.size(); i++) {
                    assertThat(got.get(i)).as("part %d, seed %d", i, seed).isEqualTo(parts.get(i));
                }
            }
        }
    }

    @Test
    void quotedBoundaryParameterIsUnquoted() throws IOException {
        assertThat(MultipartReader.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=\"a b;c\""))
                .isEqualTo("a b;c");
        assertThat(MultipartReader.boundaryOf("Multipart/Related;boundary=xyz;type=application/dicom")).isEqualTo("xyz");
        assertThatThrownBy(() -> MultipartReader.boundaryOf("application/dicom+json"))
                .isInstanceOf(DicomWebException.class).hasMessageContaining("expected a multipart answer");
    }

    @Test
    void truncatedPartIsNeverCompleteForTheSink() {
        String boundary = "xyz";
        byte[] full = multipart(boundary, List.of("first".getBytes(), new byte[200_000]), false);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 100_000);
        List<String> completed = new ArrayList<>();
        assertThatThrownBy(() -> new MultipartReader(dribble(cut, 1), boundary, () -> false).readAll((part, body) -> {
            body.readAllBytes(); // throws for the cut part
            completed.add("part " + part.index());
        })).isInstanceOf(DicomWebException.class)
                .satisfies(e -> assertThat(((DicomWebException) e).reason()).isEqualTo(DicomWebException.Reason.CONNECTION))
                .hasMessageContaining("ended inside part 2");
        assertThat(completed).containsExactly("part 0");
    }

    @Test
    void contentLengthMismatchIsABadResponse() {
        byte[] body = ("--b\r\nContent-Length: 10\r\n\r\n12345\r\n--b--").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new MultipartReader(new ByteArrayInputStream(body), "b", () -> false)
                .readAll((part, in) -> in.readAllBytes()))
                .isInstanceOf(DicomWebException.class).hasMessageContaining("Content-Length says 10");
    }

    @Test
    void noBoundaryAtAllIsABadResponse() {
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream("{\"error\":1}".getBytes()), "b"))
                .isInstanceOf(DicomWebException.class).hasMessageContaining("no multipart boundary");
    }

    @Test
    void unreadRestOfAPartIsSkipped() throws IOException {
        byte[] body = multipart("q", List.of(new byte[100_000], "second".getBytes()), true);
        List<String> seen = new ArrayList<>();
        new MultipartReader(new ByteArrayInputStream(body), "q", () -> false).readAll((part, in) -> {
            seen.add(part.index() == 0 ? "skipped" : new String(in.readAllBytes()));
        });
        assertThat(seen).containsExactly("skipped", "second");
    }

    @Test
    void cancelStopsBetweenReads() {
        byte[] body = multipart("q", List.of(new byte[500_000]), true);
        boolean[] cancel = {false};
        assertThatThrownBy(() -> new MultipartReader(dribble(body, 3), "q", () -> cancel[0]).readAll((part, in) -> {
            in.readNBytes(1000);
            cancel[0] = true;
            in.readAllBytes();
        })).isInstanceOf(DicomWebException.class)
                .satisfies(e -> assertThat(((DicomWebException) e).reason()).isEqualTo(DicomWebException.Reason.CANCELLED));
    }
}
