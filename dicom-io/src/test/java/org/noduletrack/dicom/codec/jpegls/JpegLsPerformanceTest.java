package org.noduletrack.dicom.codec.jpegls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Decode speed of a 512x512 16-bit CT slice (the budget is 50 ms after warm-up). */
class JpegLsPerformanceTest {

    @Test
    void decodes512x512CtWellUnderBudget() throws Exception {
        byte[] codestream = DicomTestFiles.jpegFrames(DicomTestFiles.read(
                "dicomparser-testimages/encapsulated/single-frame/CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm")).get(0);
        JpegLsDecoder decoder = new JpegLsDecoder();
        for (int i = 0; i < 40; i++) {
            decoder.decode(codestream);
        }
        long[] nanos = new long[25];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            JpegLsImage image = decoder.decode(codestream);
            nanos[i] = System.nanoTime() - start;
            assertThat(image.samples()).hasSize(512 * 512);
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;
        System.out.printf("JPEG-LS 512x512x16 decode: median %.2f ms, best %.2f ms (%d bytes)%n",
                medianMs, nanos[0] / 1e6, codestream.length);
        assertThat(medianMs).isLessThan(50.0);
    }
}
