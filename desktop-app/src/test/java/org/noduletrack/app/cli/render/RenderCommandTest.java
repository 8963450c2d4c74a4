package org.noduletrack.app.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.cli.RenderCommand;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.render.api.WindowLevel;
import picocli.CommandLine;

class RenderCommandTest {
    static Path lidc() {
        Path p = Path.of(System.getProperty("noduletrack.shared.data", "../../shared/data")).resolve("lidc-idri-0001");
        Assumptions.assumeTrue(Files.isDirectory(p), "shared data not available: " + p);
        return p;
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new RenderCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path sliceFile(Path lidc, String name) throws Exception {
        try (var s = Files.walk(lidc)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    /** An axial plane through a slice's position, centred on the volume, reproduces the decoded slice exactly. */
    void axialReproducesSlice(Path tmp, String backendFlag, int tolerance) throws Exception {
        Path lidc = lidc();
        Path file = sliceFile(lidc, "000042.dcm");
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(file);
        SliceGeometry sg = SliceGeometry.of(f.dataset()).orElseThrow();
        DecodedFrame d = new PixelDataReader(CodecRegistry.standard()).decodeFrame(f, 0);
        double cx = sg.originLps().x() + 511 / 2.0 * sg.columnSpacingMm();
        double cy = sg.originLps().y() + 511 / 2.0 * sg.rowSpacingMm();
        Path png = tmp.resolve("axial-" + backendFlag.substring(2) + ".png");
        Run r = run("--dir", lidc.toString(), "--plane", "axial", "--at",
                String.format(Locale.ROOT, "%.6f,%.6f,%.6f", cx, cy, sg.originLps().z()), "--window", "1500/-600", backendFlag,
                "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(512);
        assertThat(img.getHeight()).isEqualTo(512);
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        WindowLevel wl = new WindowLevel(1500, -600);
        int worst = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                int expected = wl.grey8(d.sample(x, y, 0) - 1024.0);
                worst = Math.max(worst, Math.abs(img.getRaster().getSample(x, y, 0) - expected));
            }
        }
        assertThat(worst).as("max grey difference to the decoded slice, " + backendFlag + "; " + r.err()).isLessThanOrEqualTo(tolerance);
    }

    @Test
    void axialPlaneThroughASliceReproducesItExactlyOnTheCpu(@TempDir Path tmp) throws Exception {
        axialReproducesSlice(tmp, "--cpu", 0);
    }

    @Test
    void axialPlaneThroughASliceOnTheGpuOrItsFallback(@TempDir Path tmp) throws Exception {
        // at voxel centres the GPU samples the voxels exactly too; its float32 window arithmetic may round a value that
        // falls exactly on a grey-level boundary the other way (HU -1300, -1200, ... with 1500/-600), hence 1
        axialReproducesSlice(tmp, "--gpu", 1);
    }

    @Test
    void obliqueSlabWithJsonSummary(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("oblique.png");
        Run r = run("--dir", lidc().toString(), "--plane", "oblique", "--rotate", "30,20", "--slab", "10", "--mode", "mip",
                "--spacing", "1.0", "--cpu", "--json", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("volume").asText()).isEqualTo("512x512x133");
        assertThat(j.get("pixelSpacingMm").asDouble()).isEqualTo(1.0);
        assertThat(j.get("backend").asText()).isEqualTo("cpu");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(j.get("width").asInt());
        // a lung MIP has both air (black) and vessels/bone (bright)
        int dark = 0, bright = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int g = img.getRaster().getSample(x, y, 0);
                dark += g < 30 ? 1 : 0;
                bright += g > 220 ? 1 : 0;
            }
        }
        assertThat(dark).isPositive();
        assertThat(bright).isPositive();
    }

    @Test
    void coronalFieldOfViewIsTheVolumeExtent(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("coronal.png");
        Run r = run("--dir", lidc().toString(), "--plane", "coronal", "--cpu", "--json", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        // 511 × 0.703125 mm wide; 132 × 2.5 = 330 mm tall → 470 rows at 0.703125 mm
        assertThat(j.get("width").asInt()).isEqualTo(512);
        assertThat(j.get("height").asInt()).isEqualTo(470);
        assertThat(j.get("edgeLabels").get("top").asText()).isEqualTo("H");
        assertThat(j.get("edgeLabels").get("left").asText()).isEqualTo("R");
    }

    @Test
    void usageErrors(@TempDir Path tmp) {
        Run series = run("--series", "1.2.3", "--out", tmp.resolve("x.png").toString());
        assertThat(series.code()).isEqualTo(2);
        assertThat(series.err()).contains("not available yet");
        Run plane = run("--dir", tmp.toString(), "--plane", "diagonal", "--out", tmp.resolve("x.png").toString());
        assertThat(plane.code()).isEqualTo(2);
        assertThat(plane.err()).contains("--plane must be");
        Run both = run("--dir", tmp.toString(), "--gpu", "--cpu", "--out", tmp.resolve("x.png").toString());
        assertThat(both.code()).isEqualTo(2);
        Run at = run("--dir", tmp.toString(), "--at", "1,2", "--out", tmp.resolve("x.png").toString());
        assertThat(at.code()).isEqualTo(2);
        assertThat(at.err()).contains("--at needs 3");
        Run empty = run("--dir", tmp.toString(), "--cpu", "--out", tmp.resolve("x.png").toString());
        assertThat(empty.code()).isNotZero();
        assertThat(empty.err()).contains("no image series");
    }
}
