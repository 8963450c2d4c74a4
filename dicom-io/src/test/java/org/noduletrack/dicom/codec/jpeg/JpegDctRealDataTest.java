package org.noduletrack.dicom.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decodes the JPEG files of the shared test data and compares them with libjpeg based decoders. */
class JpegDctRealDataTest {

    private static final String CT_JPEG_12 = JpegTestData.MULTI + "CT0012.fragmented_no_bot_jpeg_baseline.51.dcm";
    private static final String CT_ORIGINAL = JpegTestData.MULTI + "CT0012.explicit_little_endian.dcm";
    private static final String US_JPEG_8 = JpegTestData.MULTI + "IM00001.fragmented_no_bot_jpeg_baseline.50.dcm";

    private final JpegDctDecoder decoder = new JpegDctDecoder();

    @TempDir
    Path tempDir;

    @Test
    void ct12BitFramesMatchDcmdjpegAndOriginal() throws Exception {
        byte[] file = JpegTestData.read(CT_JPEG_12);
        List<byte[]> frames = JpegTestData.jpegFrames(file);
        assertThat(frames).hasSize(JpegTestData.numberOfFrames(file)).hasSize(2);

        byte[] original = JpegTestData.read(CT_ORIGINAL);
        int[] originalSamples = JpegTestData.nativeSamples16(original);
        Path reference = JpegTestData.dcmtk(JpegTestData.DCMDJPEG, tempDir, JpegTestData.file(CT_JPEG_12), "ref.dcm");
        int[] libjpeg = JpegTestData.nativeSamples16(JpegTestData.read(reference));

        int frameSize = 512 * 512;
        for (int f = 0; f < frames.size(); f++) {
            JpegDctImage image = decoder.decode(frames.get(f));
            assertThat(image.width()).isEqualTo(512);
            assertThat(image.height()).isEqualTo(512);
            assertThat(image.components()).isEqualTo(1);
            assertThat(image.precision()).isEqualTo(12);
            int maxVsLibjpeg = 0;
            int diffCount = 0;
            long sumVsOriginal = 0;
            int maxVsOriginal = 0;
            for (int i = 0; i < frameSize; i++) {
                int ours = image.samples()[i];
                int d = Math.abs(ours - libjpeg[f * frameSize + i]);
                maxVsLibjpeg = Math.max(maxVsLibjpeg, d);
                diffCount += d != 0 ? 1 : 0;
                int e = Math.abs(ours - (originalSamples[f * frameSize + i] & 0xFFF));
                sumVsOriginal += e;
                maxVsOriginal = Math.max(maxVsOriginal, e);
            }
            System.out.printf("frame %d: vs dcmdjpeg max %d (%d differ), vs original mean %.4f max %d%n",
                f, maxVsLibjpeg, diffCount, sumVsOriginal / (double) frameSize, maxVsOriginal);
        }
    }

    @Test
    void ultrasound8BitMatchesJdkReader() throws Exception {
        byte[] file = JpegTestData.read(US_JPEG_8);
        List<byte[]> frames = JpegTestData.jpegFrames(file);
        for (int f = 0; f < frames.size(); f++) {
            JpegDctImage image = decoder.decode(frames.get(f));
            int[] jdk = JpegTestData.jdkRaster(frames.get(f));
            int max = 0;
            for (int i = 0; i < jdk.length; i++) {
                max = Math.max(max, Math.abs(jdk[i] - image.samples()[i]));
            }
            System.out.printf("US frame %d %dx%dx%d: vs JDK max %d (len %d vs %d)%n", f, image.width(), image.height(),
                image.components(), max, jdk.length, image.samples().length);
        }
    }
}
