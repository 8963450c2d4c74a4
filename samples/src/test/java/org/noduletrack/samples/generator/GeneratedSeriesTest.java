package org.noduletrack.samples.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.samples.truth.GroundTruth;
import org.noduletrack.samples.truth.GroundTruthJson;

/** Generates a 3-timepoint patient once and checks the files: parse, decode, attributes, dciodvfy, determinism. */
class GeneratedSeriesTest {
    @TempDir
    static Path dir;
    static GeneratedPatient patient;
    static long millis;
    /** Two timepoints at 2.5 mm keep the suite fast; the CLI default (3 timepoints, 1.25/2.5 mm) is exercised by hand. */
    static final GeneratorOptions OPTIONS = new GeneratorOptions(42, 2, new double[] {2.5}, 12, 0.6, 5, 20, true, 0.12,
            CtSeriesWriter.Codec.JPEG_LS, true);

    @BeforeAll
    static void generate() throws IOException {
        long t0 = System.nanoTime();
        patient = SharedGenerator.get().generate(dir.resolve("p"), OPTIONS);
        millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("generated 2 timepoints in " + millis + " ms");
    }

    @Test
    void everyFileParsesDecodesAndHasTheRequiredAttributes() throws IOException {
        DicomReader reader = new DicomReader(ReadOptions.defaults());
        PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
        int[] required = {Tags.SOPClassUID, Tags.SOPInstanceUID, Tags.StudyInstanceUID, Tags.SeriesInstanceUID,
            Tags.FrameOfReferenceUID, Tags.PatientID, Tags.PatientName, Tags.StudyDate, Tags.Modality,
            Tags.ImagePositionPatient, Tags.ImageOrientationPatient, Tags.PixelSpacing, Tags.SliceThickness,
            Tags.Rows, Tags.Columns, Tags.BitsAllocated, Tags.BitsStored, Tags.HighBit, Tags.PixelRepresentation,
            Tags.RescaleIntercept, Tags.RescaleSlope, Tags.InstanceNumber, Tags.PhotometricInterpretation};
        GroundTruth truth = patient.groundTruth();
        long bytes = 0;
        for (int t = 0; t < patient.seriesDirectories().size(); t++) {
            List<Path> files = list(patient.seriesDirectories().get(t));
            assertThat(files).hasSize(truth.timepoints().get(t).slices());
            for (Path f : files) {
                bytes += Files.size(f);
                DicomFile file = reader.read(f);
                DicomDataset ds = file.dataset();
                for (int tag : required) {
                    assertThat(ds.contains(tag)).as("%s has %08x", f, tag).isTrue();
                }
                assertThat(ds.string(Tags.StudyInstanceUID, "")).isEqualTo(truth.timepoints().get(t).studyInstanceUid());
                DecodedFrame frame = pixels.decodeFrame(file, 0);
                assertThat(frame.samples()).hasSize(512 * 512);
            }
        }
        System.out.println("generated series total " + bytes + " bytes");
    }

    @Test
    void dciodvfyReportsNoErrors() throws Exception {
        Path tool = Path.of("/usr/bin/dciodvfy");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(tool), "dciodvfy (dicom3tools) not installed");
        for (Path series : patient.seriesDirectories()) {
            List<Path> files = list(series);
            for (Path f : List.of(files.getFirst(), files.get(files.size() / 2), files.getLast())) {
                Process p = new ProcessBuilder(tool.toString(), f.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(out.lines().filter(l -> l.startsWith("Error")).toList()).as(out).isEmpty();
            }
        }
    }

    @Test
    void groundTruthJsonReadsBackAndIsDeterministic() throws IOException {
        GroundTruthJson json = new GroundTruthJson();
        GroundTruth back = json.read(patient.groundTruthFile());
        assertThat(json.write(back)).isEqualTo(Files.readString(patient.groundTruthFile()));
        PatientPlan again = SharedGenerator.get().plan(OPTIONS);
        GroundTruth rebuilt = new GroundTruthBuilder(SharedGenerator.get().source(), back.generator().attribution()).build(again);
        assertThat(json.write(rebuilt)).isEqualTo(Files.readString(patient.groundTruthFile()));
        assertThat(back.nodules()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(back.nodules()).extracting(GroundTruth.Nodule::attachment)
                .contains("JUXTAPLEURAL", "JUXTAVASCULAR", "INTRAPARENCHYMAL");
        assertThat(back.nodules()).extracting(GroundTruth.Nodule::type).contains("SOLID", "PART_SOLID", "GROUND_GLASS");
        for (GroundTruth.Nodule n : back.nodules()) {
            for (GroundTruth.NoduleAtTimepoint at : n.timepoints()) {
                if (at.present()) {
                    assertThat(at.volumeEquivalentDiameterMm()).isBetween(4.0, 20.0);
                }
            }
        }
    }

    @Test
    void writtenPixelsAreTheRenderedSliceAndRenderingIsDeterministic() throws IOException {
        // noise streams are per (seed, timepoint, slice): re-rendering one slice must give the file's stored values
        DemoPatientGenerator g = SharedGenerator.get();
        PatientPlan plan = g.plan(OPTIONS);
        PatientPlan.TimepointPlan tp = plan.timepoints().get(1);
        int k = 40;
        float[] hu = g.renderSlice(plan, tp, k, plan.placedAt(1), new NoduleRenderer(OPTIONS.supersampleStepMm()),
                new Resampler(g.source().volume(), tp.transform()), true);
        DicomFile file = new DicomReader(ReadOptions.defaults()).read(list(patient.seriesDirectories().get(1)).get(k));
        int[] stored = new PixelDataReader(CodecRegistry.standard()).decodeFrame(file, 0).samples();
        for (int i = 0; i < stored.length; i++) {
            assertThat(stored[i]).isEqualTo(Math.clamp(Math.round(hu[i]) + 1024, 0, 4095));
        }
    }

    static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }
}
