package org.noduletrack.dicom.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.robustness.ParseHarness.Mode;

/** The committed fuzz seeds are what {@link FuzzSeeds} generates, and each is a valid file the reader accepts. */
class FuzzSeedsTest {
    @Test
    void committedSeedsMatchTheGeneratorAndParse() throws IOException {
        for (Map.Entry<String, byte[]> e : FuzzSeeds.all().entrySet()) {
            byte[] generated = e.getValue();
            assertThat(generated.length).as(e.getKey()).isLessThan(1024);
            String resource = FuzzSeeds.DIRECTORY + "/" + e.getKey();
            try (InputStream in = FuzzSeedsTest.class.getResourceAsStream(resource)) {
                assertThat(in).as("seed %s is committed (run FuzzSeeds.main to regenerate)", resource).isNotNull();
                assertThat(in.readAllBytes()).as("seed %s is up to date (run FuzzSeeds.main)", resource).isEqualTo(generated);
            }
            for (Mode mode : Mode.values()) {
                DicomFile f = new DicomReader(mode.options).read(new ByteArrayInputStream(generated), generated.length);
                assertThat(f.dataset().size()).as("%s read with %s", e.getKey(), mode).isGreaterThan(0);
                ParseHarness.touch(f);
            }
        }
    }
}
