package org.noduletrack.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The noduletrack command line, run in-process with captured streams, against real files. */
class CliTest {
    private static final Path CT = sharedData().resolve("dicomparser-testimages/CT1_UNC.explicit_little_endian.dcm");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = NoduleTrackCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Path sharedData() {
        String prop = System.getProperty("noduletrack.shared.data");
        Path p = prop != null ? Path.of(prop) : Path.of("../../shared/data");
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump", "pixels", "validate", "bench", "bench parse"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        Run r = run(args);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: noduletrack " + command);
    }

    @Test
    void versionNamesTheJdk() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("noduletrack").contains("Java 25");
    }

    @Test
    void dumpJsonFollowsTheDicomJsonModel() throws Exception {
        Assumptions.assumeTrue(Files.exists(CT));
        Run r = run("dump", "--json", CT.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        // Values as dcmdump prints them for this file.
        assertThat(root.at("/00280010/vr").asText()).isEqualTo("US");
        assertThat(root.at("/00280010/Value/0").asInt()).isEqualTo(512);
        assertThat(root.at("/00080060/Value/0").asText()).isEqualTo("CT");
        assertThat(root.at("/00080005/Value/0").asText()).isEqualTo("ISO_IR 100");
        assertThat(root.at("/00100010/vr").asText()).isEqualTo("PN");
        assertThat(root.at("/00100010/Value/0").has("Alphabetic")).isTrue();
        assertThat(root.at("/00281052/Value/0").isNumber()).as("DS is a JSON number").isTrue();
        assertThat(root.at("/7FE00010/vr").asText()).isEqualTo("OW");
        assertThat(root.at("/7FE00010").has("Value") || root.at("/7FE00010").has("InlineBinary")).as("bulk data omitted").isFalse();
        assertThat(root.has("00020010")).as("no file meta in the data set model").isFalse();
    }

    @Test
    void dumpTextListsElementsWithKeywords() {
        Assumptions.assumeTrue(Files.exists(CT));
        Run r = run("dump", CT.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("(0028,0010) US 512").contains("Rows").contains("(0002,0010) UI [1.2.840.10008.1.2.1]");
    }

    @Test
    void rawPixelsAreTheStoredValuesOfTheFile(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(CT));
        Path raw = dir.resolve("ct.raw");
        Run r = run("pixels", CT.toString(), "--out", raw.toString());
        assertThat(r.code()).as(r.err()).isZero();
        byte[] ours = Files.readAllBytes(raw);
        // Independent reference: the bytes after the explicit VR LE header of (7FE0,0010) OW with length 512*512*2.
        byte[] file = Files.readAllBytes(CT);
        byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0, 0, 0, 8, 0};
        int at = indexOf(file, header);
        assertThat(at).isPositive();
        byte[] tail = Arrays.copyOfRange(file, at + header.length, at + header.length + 512 * 512 * 2);
        assertThat(ours).hasSize(512 * 512 * 2);
        ByteBuffer a = ByteBuffer.wrap(ours).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
        int bitsStored = Integer.parseInt(run("dump", "--json", CT.toString()).out().replaceAll("(?s).*\"00280101\":\\{\"vr\":\"US\",\"Value\":\\[(\\d+)\\].*", "$1"));
        int pixelRepresentation = Integer.parseInt(run("dump", "--json", CT.toString()).out().replaceAll("(?s).*\"00280103\":\\{\"vr\":\"US\",\"Value\":\\[(\\d+)\\].*", "$1"));
        for (int i = 0; i < 512 * 512; i++) {
            int stored = b.getShort(2 * i) & ((1 << bitsStored) - 1);
            if (pixelRepresentation == 1 && (stored & (1 << (bitsStored - 1))) != 0) {
                stored -= 1 << bitsStored;
            }
            assertThat((int) a.getShort(2 * i)).as("pixel %d", i).isEqualTo(stored);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void pngIsSixteenBitGreyscale(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(CT));
        Path png = dir.resolve("ct.png");
        Path raw = dir.resolve("ct.raw");
        assertThat(run("pixels", CT.toString(), "--out", png.toString()).code()).isZero();
        assertThat(run("pixels", CT.toString(), "--out", raw.toString()).code()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_USHORT_GRAY);
        assertThat(img.getWidth()).isEqualTo(512);
        ByteBuffer rawValues = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        int[] png16 = img.getRaster().getSamples(0, 0, 512, 512, 0, new int[512 * 512]);
        int offset = png16[0] - rawValues.getShort(0);
        for (int i = 0; i < png16.length; i += 997) {
            assertThat(png16[i] - rawValues.getShort(2 * i)).isEqualTo(offset);
        }
    }

    @Test
    void truncatedFileGivesOneLineErrorAndNonZeroExit(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(CT));
        byte[] file = Files.readAllBytes(CT);
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(file, 700));
        for (String cmd : new String[] {"dump", "validate"}) {
            Run r = run(cmd, cut.toString());
            assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err().strip()).doesNotContain("\n").contains("at byte");
            assertThat(r.out()).isEmpty();
        }
        Run px = run("pixels", cut.toString(), "--out", dir.resolve("x.raw").toString());
        assertThat(px.code()).isNotZero();
        assertThat(dir.resolve("x.raw")).doesNotExist();
    }

    @Test
    void notDicomIsRejectedClearly(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("autorun.inf");
        Files.writeString(txt, "[autorun]\nopen=viewer.exe\n");
        Run r = run("dump", txt.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("not a DICOM file");
    }

    @Test
    void validateReportsJson() throws Exception {
        Assumptions.assumeTrue(Files.exists(CT));
        Run r = run("validate", "--json", CT.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("valid").asBoolean()).isTrue();
        assertThat(root.get("framesDecoded").asInt()).isEqualTo(1);
    }
}
