package org.noduletrack.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

/**
 * Every lossless variant decodes to exactly the stored values of its uncompressed twin (the reference is read by the
 * native path, whose byte layout is checked independently in NativeFrameDecoderTest); lossy variants stay within a
 * stated error bound.
 */
class LosslessTwinDecodeTest {
    private static final String DP = "dicomparser-testimages/";
    private static final String MF = DP + "encapsulated/multi-frame/";
    private static final String SF = DP + "encapsulated/single-frame/";
    private static final String QA = "dcm-qa-ts/In/";

    static Stream<Arguments> lossless() {
        return Stream.of(
                Arguments.of(DP + "CT1_UNC.implicit_little_endian.dcm", DP + "CT1_UNC.explicit_little_endian.dcm"),
                Arguments.of(DP + "CT1_UNC.explicit_big_endian.dcm", DP + "CT1_UNC.explicit_little_endian.dcm"),
                Arguments.of(SF + "CT1_UNC.fragmented_no_bot_jpeg_ls.80.dcm", SF + "CT1_UNC.explicit_little_endian.dcm"),
                Arguments.of(SF + "CT1_UNC.fragmented_bot_jpeg_ls.80.dcm", SF + "CT1_UNC.explicit_little_endian.dcm"),
                Arguments.of(SF + "CT1_UNC.not_fragmented_no_bot_jpeg_ls.80.dcm", SF + "CT1_UNC.explicit_little_endian.dcm"),
                Arguments.of(SF + "CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm", SF + "CT1_UNC.explicit_little_endian.dcm"),
                Arguments.of(MF + "CT0012.fragmented_no_bot_jpeg_lossless.70.dcm", MF + "CT0012.explicit_little_endian.dcm"),
                Arguments.of(MF + "CT0012.fragmented_no_bot_jpeg_lossless.57.dcm", MF + "CT0012.explicit_little_endian.dcm"),
                Arguments.of(MF + "CT0012.fragmented_no_bot_jpeg_ls.80.dcm", MF + "CT0012.explicit_little_endian.dcm"),
                Arguments.of(MF + "CT0012.not_fragmented_no_bot_jpeg_ls.80.dcm", MF + "CT0012.explicit_little_endian.dcm"),
                Arguments.of(MF + "CT0012.not_fragmented_bot_jpeg_ls.80.dcm", MF + "CT0012.explicit_little_endian.dcm"),
                Arguments.of(MF + "CT0012.not_fragmented_no_bot_rle.dcm", MF + "CT0012.explicit_little_endian.dcm"),
                Arguments.of(MF + "CT0012.not_fragmented_bot_rle.dcm", MF + "CT0012.explicit_little_endian.dcm"),
                Arguments.of(QA + "2.dcm", QA + "1.dcm"),
                Arguments.of(QA + "3.dcm", QA + "1.dcm"),
                Arguments.of(QA + "4.dcm", QA + "1.dcm"),
                Arguments.of(QA + "5.dcm", QA + "1.dcm"),
                Arguments.of(QA + "6.dcm", QA + "1.dcm"),
                Arguments.of(QA + "7.dcm", QA + "1.dcm"),
                Arguments.of(QA + "8.dcm", QA + "1.dcm"),
                Arguments.of(QA + "9.dcm", QA + "1.dcm"));
    }

    static Stream<Arguments> lossy() {
        return Stream.of(
                // near-lossless JPEG-LS: the bound is NEAR itself (T.87), dcmcjpls +en uses NEAR=2
                Arguments.of(MF + "CT0012.fragmented_no_bot_jpeg_ls.81.dcm", MF + "CT0012.explicit_little_endian.dcm", 2, 0.0, 0),
                // dcmcjpeg squeezed the 16-bit original into 12 bits by adding 1023 (dcmdjpeg gives the same values;
                // JpegDctDcmtkTest checks ours equal dcmdjpeg's exactly), so compare after that shift.
                Arguments.of(MF + "CT0012.fragmented_no_bot_jpeg_baseline.51.dcm", MF + "CT0012.explicit_little_endian.dcm", 16, 1.0, 1023),
                Arguments.of(MF + "IM00001.fragmented_no_bot_jpeg_baseline.50.dcm", MF + "IM00001.implicit_little_endian.dcm", Integer.MAX_VALUE, 3.0, 0));
    }

    private final PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossless")
    void decodesExactlyAsUncompressedTwin(String variant, String reference) throws Exception {
        DicomFile v = read(variant);
        DicomFile r = read(reference);
        int frames = pixels.descriptor(r).frames();
        assertThat(pixels.descriptor(v).frames()).isEqualTo(frames);
        for (int f = 0; f < frames; f++) {
            DecodedFrame dv = pixels.decodeFrame(v, f);
            DecodedFrame dr = pixels.decodeFrame(r, f);
            assertThat(dv.samples()).as("frame %d of %s", f, variant).isEqualTo(dr.samples());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossy")
    void lossyStaysWithinBound(String variant, String reference, int maxAbs, double maxMeanAbs, int shift) throws Exception {
        DicomFile v = read(variant);
        DicomFile r = read(reference);
        int frames = pixels.descriptor(r).frames();
        for (int f = 0; f < frames; f++) {
            int[] a = pixels.decodeFrame(v, f).samples();
            int[] b = pixels.decodeFrame(r, f).samples();
            assertThat(a).hasSameSizeAs(b);
            long sum = 0;
            int worst = 0;
            for (int i = 0; i < a.length; i++) {
                int d = Math.abs(a[i] - shift - b[i]);
                sum += d;
                worst = Math.max(worst, d);
            }
            if (maxAbs != Integer.MAX_VALUE) {
                assertThat(worst).as("max error frame %d", f).isLessThanOrEqualTo(maxAbs);
            }
            if (maxMeanAbs > 0) {
                assertThat((double) sum / a.length).as("mean error frame %d", f).isLessThanOrEqualTo(maxMeanAbs);
            }
        }
    }

    private static DicomFile read(String relative) throws Exception {
        Path p = SharedData.file(relative);
        return new DicomReader(ReadOptions.defaults()).read(p);
    }
}
