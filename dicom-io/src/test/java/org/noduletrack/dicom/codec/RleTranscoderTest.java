package org.noduletrack.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

/** Writing RLE Lossless: our reader and dcmtk's dcmdrle both get the original pixels back. */
class RleTranscoderTest {
    private final PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());

    @ParameterizedTest
    @ValueSource(strings = {"dicomparser-testimages/CT1_UNC.explicit_big_endian.dcm",
            "dicomparser-testimages/encapsulated/multi-frame/CT0012.explicit_little_endian.dcm",
            "dicomparser-testimages/encapsulated/multi-frame/IM00001.implicit_little_endian.dcm",
            "dcm-qa-ts/In/1.dcm"})
    void rleRoundTripIsExact(String relative, @TempDir Path dir) throws Exception {
        DicomFile original = new DicomReader(ReadOptions.defaults()).read(SharedData.file(relative));
        DicomDataset rle = new RleTranscoder(pixels).encode(original);
        Path out = dir.resolve("rle.dcm");
        new DicomWriter().write(out, original.fileMeta(), rle, RleTranscoder.TRANSFER_SYNTAX);
        DicomFile back = new DicomReader(ReadOptions.defaults()).read(out);
        assertThat(back.transferSyntax().uid()).isEqualTo(RleTranscoder.TRANSFER_SYNTAX);
        int frames = pixels.descriptor(original).frames();
        for (int f = 0; f < frames; f++) {
            assertThat(pixels.decodeFrame(back, f).samples()).as("frame %d", f).isEqualTo(pixels.decodeFrame(original, f).samples());
        }
        assertThat(Files.size(out)).isLessThan(Files.size(SharedData.file(relative)));

        // Independent decoder: dcmtk's dcmdrle must accept the file and give back the same stored values.
        Path dcmdrle = Path.of("/usr/bin/dcmdrle");
        Assumptions.assumeTrue(Files.isExecutable(dcmdrle), "dcmtk not installed");
        Path decompressed = dir.resolve("back.dcm");
        Process p = new ProcessBuilder(dcmdrle.toString(), out.toString(), decompressed.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        DicomFile viaDcmtk = new DicomReader(ReadOptions.defaults()).read(decompressed);
        for (int f = 0; f < frames; f++) {
            assertThat(pixels.decodeFrame(viaDcmtk, f).samples()).isEqualTo(pixels.decodeFrame(original, f).samples());
        }
    }
}
