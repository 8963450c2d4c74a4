package org.noduletrack.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;

class SampleCatalogTest {
    private final SampleCatalog catalog = SampleCatalog.bundled();

    @Test
    void bundledCtIsWithinBudgetAndAttributed() {
        assertThat(catalog.files(SampleCatalog.LIDC_0001)).hasSize(133);
        assertThat(catalog.sizeBytes(SampleCatalog.LIDC_0001)).isLessThanOrEqualTo(30_000_000L);
        String text = catalog.attributionText();
        assertThat(text).contains("CC BY 3.0", "10.7937/K9/TCIA.2015.LO9QL9SX", "Medical Physics, 38", "Journal of\nDigital Imaging");
        assertThat(SampleCatalog.class.getResource(SampleCatalog.attributionResource())).isNotNull();
    }

    @Test
    void decodesToExactlyTheOriginalPixels() throws Exception {
        String prop = System.getProperty("noduletrack.shared.data", "../../shared/data");
        Path shared = Path.of(prop).resolve("lidc-idri-0001");
        assumeTrue(Files.isDirectory(shared), "shared data not found");
        Map<String, Path> originals;
        try (Stream<Path> s = Files.walk(shared)) {
            originals = s.filter(p -> p.toString().endsWith(".dcm")).collect(Collectors.toMap(p -> p.getFileName().toString(), p -> p));
        }
        DicomReader reader = new DicomReader(ReadOptions.everythingInMemory());
        PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
        List<SampleFile> files = catalog.files(SampleCatalog.LIDC_0001);
        for (SampleFile f : files) {
            byte[] bytes = catalog.read(f); // verifies SHA-256
            DicomFile bundled = reader.read(new ByteArrayInputStream(bytes), bytes.length);
            DicomFile original = reader.read(originals.get(f.fileName()));
            assertThat(bundled.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.4.80");
            assertThat(bundled.dataset().string(Tags.SOPInstanceUID, "")).isEqualTo(original.dataset().string(Tags.SOPInstanceUID, "?"));
            assertThat(pixels.decodeFrame(bundled, 0).samples()).as(f.path()).isEqualTo(pixels.decodeFrame(original, 0).samples());
        }
    }

    @Test
    void damagedBytesAreRejected() {
        SampleFile real = catalog.files(SampleCatalog.LIDC_0001).getFirst();
        SampleFile wrong = new SampleFile(real.fixture(), real.path(), "0".repeat(64), real.sizeBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.read(wrong)).isInstanceOf(SampleIntegrityException.class);
    }
}
