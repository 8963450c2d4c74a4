package org.noduletrack.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.codec.PixelDescriptor;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.testing.SharedData;

/** Every real file in ../shared/data parses, header-only and with pixel data references. */
class SharedDataParseTest {
    static Stream<Path> files() {
        List<Path> all = SharedData.allDicomFiles();
        assertThat(all).hasSizeGreaterThan(150);
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void parses(Path file) throws Exception {
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(file);
        assertThat(f.dataset().size()).as("elements in %s", file).isGreaterThan(0);
        DicomFile header = new DicomReader(ReadOptions.headerOnly()).read(file);
        assertThat(header.dataset().contains(Tags.PixelData)).isFalse();
        assertThat(header.dataset().string(Tags.SOPInstanceUID)).isEqualTo(f.dataset().string(Tags.SOPInstanceUID));
        if (f.dataset().contains(Tags.PixelData)) {
            // Every codec in the shared data is supported: every frame of every image decodes to the declared size.
            PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
            PixelDescriptor d = pixels.descriptor(f);
            for (int i = 0; i < d.frames(); i++) {
                assertThat(pixels.decodeFrame(f, i).samples()).hasSize(d.samplesPerFrame());
            }
        }
    }
}
