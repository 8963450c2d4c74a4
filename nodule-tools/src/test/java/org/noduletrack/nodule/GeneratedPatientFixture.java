package org.noduletrack.nodule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeAssembler;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.generator.GeneratedPatient;

/**
 * One demo patient (seed 1, 2 timepoints) from the samples generator, generated once per test JVM into a temporary
 * folder, with its volumes loaded.
 */
final class GeneratedPatientFixture {
    private static GeneratedPatientFixture instance;

    final GeneratedPatient patient;
    final List<ShortVolume> volumes = new ArrayList<>();

    private GeneratedPatientFixture() throws Exception {
        Path dir = Files.createTempDirectory("nodule-tools-patient");
        patient = DemoPatientGenerator.fromBundledSample().generate(dir, 1, 2);
        VolumeAssembler asm = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 2);
        for (Path series : patient.seriesDirectories()) {
            volumes.add(asm.load(asm.plan(asm.scan(series).largestStack("CT").orElseThrow())));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            volumes.forEach(ShortVolume::close);
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    static synchronized GeneratedPatientFixture get() throws Exception {
        if (instance == null) {
            instance = new GeneratedPatientFixture();
        }
        return instance;
    }
}
