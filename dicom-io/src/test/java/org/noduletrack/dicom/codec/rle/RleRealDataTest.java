package org.noduletrack.dicom.codec.rle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.noduletrack.dicom.codec.jpegls.DicomTestFiles;

/** Decodes the RLE files of the shared test data (one fragment per frame) against their uncompressed twins. */
class RleRealDataTest {

    @ParameterizedTest
    @CsvSource({
        "dicomparser-testimages/encapsulated/multi-frame/CT0012.not_fragmented_bot_rle.dcm, "
            + "dicomparser-testimages/encapsulated/multi-frame/CT0012.explicit_little_endian.dcm, 2",
        "dicomparser-testimages/encapsulated/multi-frame/CT0012.not_fragmented_no_bot_rle.dcm, "
            + "dicomparser-testimages/encapsulated/multi-frame/CT0012.explicit_little_endian.dcm, 2",
        "dcm-qa-ts/In/4.dcm, dcm-qa-ts/In/1.dcm, 1"
    })
    void decodesToTheUncompressedPixels(String rleFile, String referenceFile, int frames) throws Exception {
        byte[] reference = DicomTestFiles.read(referenceFile);
        int rows = DicomTestFiles.us(reference, 0x0028, 0x0010);
        int columns = DicomTestFiles.us(reference, 0x0028, 0x0011);
        int bitsAllocated = DicomTestFiles.us(reference, 0x0028, 0x0100);
        byte[] expected = DicomTestFiles.nativePixelBytes(reference);
        int frameLength = rows * columns * bitsAllocated / 8;
        List<byte[]> fragments = DicomTestFiles.fragments(DicomTestFiles.read(rleFile));
        assertThat(fragments).hasSize(frames);

        RleDecoder decoder = new RleDecoder();
        RleEncoder encoder = new RleEncoder();
        for (int f = 0; f < frames; f++) {
            byte[] want = Arrays.copyOfRange(expected, f * frameLength, (f + 1) * frameLength);
            byte[] decoded = decoder.decode(fragments.get(f), rows, columns, 1, bitsAllocated);
            assertThat(Arrays.mismatch(decoded, want)).as("first differing byte of frame %d", f).isEqualTo(-1);

            // our encoder on the same real frame: round trip, and no worse than the file's encoder by much
            byte[] ours = encoder.encode(want, rows, columns, 1, bitsAllocated);
            assertThat(decoder.decode(ours, rows, columns, 1, bitsAllocated)).isEqualTo(want);
            assertThat(ours.length).isLessThan(fragments.get(f).length * 11 / 10);
        }
    }
}
