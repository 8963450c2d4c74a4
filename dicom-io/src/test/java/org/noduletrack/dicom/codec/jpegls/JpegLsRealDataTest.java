package org.noduletrack.dicom.codec.jpegls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Decodes the JPEG-LS files of the shared test data and compares them with their uncompressed twins. */
class JpegLsRealDataTest {

    private static final String SINGLE = "dicomparser-testimages/encapsulated/single-frame/";
    private static final String MULTI = "dicomparser-testimages/encapsulated/multi-frame/";

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @ParameterizedTest
    @ValueSource(strings = {
        "CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm",
        "CT1_UNC.not_fragmented_no_bot_jpeg_ls.80.dcm",
        "CT1_UNC.fragmented_bot_jpeg_ls.80.dcm",
        "CT1_UNC.fragmented_no_bot_jpeg_ls.80.dcm"
    })
    void singleFrameLosslessMatchesUncompressed(String name) throws Exception {
        byte[] reference = DicomTestFiles.read(SINGLE + "CT1_UNC.explicit_little_endian.dcm");
        // CT1 is signed (Pixel Representation 1): the codestream holds the 16-bit two's complement pattern
        assertThat(DicomTestFiles.us(reference, 0x0028, 0x0103)).isEqualTo(1);
        assertLosslessFrames(SINGLE + name, reference, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CT0012.not_fragmented_bot_jpeg_ls.80.dcm",
        "CT0012.not_fragmented_no_bot_jpeg_ls.80.dcm",
        "CT0012.fragmented_no_bot_jpeg_ls.80.dcm"
    })
    void multiFrameLosslessMatchesUncompressed(String name) throws Exception {
        byte[] reference = DicomTestFiles.read(MULTI + "CT0012.explicit_little_endian.dcm");
        assertLosslessFrames(MULTI + name, reference, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.dcm", "8.dcm"})
    void dcmQaTsLosslessMatchesUncompressed(String name) throws Exception {
        byte[] reference = DicomTestFiles.read("dcm-qa-ts/In/1.dcm");
        assertLosslessFrames("dcm-qa-ts/In/" + name, reference, 1);
    }

    @Test
    void nearLosslessStaysWithinNear() throws Exception {
        byte[] reference = DicomTestFiles.read(MULTI + "CT0012.explicit_little_endian.dcm");
        int bitsStored = DicomTestFiles.us(reference, 0x0028, 0x0101);
        int[] expected = DicomTestFiles.nativeSamples16(reference);
        List<byte[]> frames = DicomTestFiles.jpegFrames(DicomTestFiles.read(MULTI + "CT0012.fragmented_no_bot_jpeg_ls.81.dcm"));
        assertThat(frames).hasSize(2);
        int mask = (1 << bitsStored) - 1;
        int frameSize = 512 * 512;
        for (int f = 0; f < frames.size(); f++) {
            JpegLsImage image = decoder.decode(frames.get(f));
            assertThat(image.near()).as("NEAR of the near-lossless file").isEqualTo(2);
            assertThat(image.samples()).hasSize(frameSize);
            int maxDiff = 0;
            boolean anyDifferent = false;
            for (int i = 0; i < frameSize; i++) {
                int diff = Math.abs(image.samples()[i] - (expected[f * frameSize + i] & mask));
                maxDiff = Math.max(maxDiff, diff);
                anyDifferent |= diff != 0;
            }
            assertThat(maxDiff).as("largest error of frame %d", f).isLessThanOrEqualTo(image.near());
            assertThat(anyDifferent).as("near-lossless coding changed some samples").isTrue();
        }
    }

    @Test
    void jpegLosslessFileIsRejectedClearly() {
        // dcm-qa-ts 6.dcm is listed as JPEG-LS in the README but is really JPEG lossless (SOF3, TS .70)
        byte[] codestream = DicomTestFiles.jpegFrames(DicomTestFiles.read("dcm-qa-ts/In/6.dcm")).get(0);
        assertThatThrownBy(() -> decoder.decode(codestream))
                .isInstanceOf(JpegLsException.class)
                .hasMessageContaining("not a JPEG-LS codestream")
                .hasMessageContaining("SOF3")
                .hasMessageContaining("offset 2");
    }

    private void assertLosslessFrames(String file, byte[] reference, int frameCount) throws Exception {
        int rows = DicomTestFiles.us(reference, 0x0028, 0x0010);
        int columns = DicomTestFiles.us(reference, 0x0028, 0x0011);
        int bitsStored = DicomTestFiles.us(reference, 0x0028, 0x0101);
        int mask = (1 << bitsStored) - 1;
        int[] expected = DicomTestFiles.nativeSamples16(reference);
        List<byte[]> frames = DicomTestFiles.jpegFrames(DicomTestFiles.read(file));
        assertThat(frames).hasSize(frameCount);
        int frameSize = rows * columns;
        for (int f = 0; f < frameCount; f++) {
            JpegLsImage image = decoder.decode(frames.get(f));
            assertThat(image.width()).isEqualTo(columns);
            assertThat(image.height()).isEqualTo(rows);
            assertThat(image.components()).isEqualTo(1);
            // gdcm and dcmtk code the dcm-qa-ts 12-bit MR with P=16, so only a lower bound holds
            assertThat(image.bitsPerSample()).isGreaterThanOrEqualTo(bitsStored);
            assertThat(image.near()).isZero();
            int[] want = new int[frameSize];
            int[] got = new int[frameSize];
            for (int i = 0; i < frameSize; i++) {
                want[i] = expected[f * frameSize + i] & mask;
                got[i] = image.samples()[i] & mask;
            }
            int firstMismatch = Arrays.mismatch(got, want);
            assertThat(firstMismatch).as("first differing sample of frame %d of %s", f, file).isEqualTo(-1);
        }
    }
}
