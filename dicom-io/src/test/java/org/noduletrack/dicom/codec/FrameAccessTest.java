package org.noduletrack.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.BulkDataRef;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.InlineValue;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.io.UnsupportedTransferSyntaxException;
import org.noduletrack.dicom.testing.SharedData;

/** Per-frame access of multi-frame files: only the requested frame's bytes are used; offset tables are honoured. */
class FrameAccessTest {
    private static final String MF = "dicomparser-testimages/encapsulated/multi-frame/";
    private static final Path JPEG_LOSSLESS = SharedData.file(MF + "CT0012.fragmented_no_bot_jpeg_lossless.70.dcm");
    private static final Path REFERENCE = SharedData.file(MF + "CT0012.explicit_little_endian.dcm");
    private final PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());

    @Test
    void aCorruptFrameDoesNotSpoilTheOthers(@TempDir Path dir) throws Exception {
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(JPEG_LOSSLESS);
        FragmentsElement px = (FragmentsElement) f.dataset().get(Tags.PixelData).orElseThrow();
        BulkDataRef first = (BulkDataRef) px.fragments().get(0);
        byte[] bytes = Files.readAllBytes(JPEG_LOSSLESS);
        for (long i = first.offset() + 2; i < first.offset() + first.length(); i++) {
            bytes[(int) i] = (byte) 0xFF; // destroy frame 0 after its SOI marker
        }
        Path broken = dir.resolve("broken.dcm");
        Files.write(broken, bytes);
        DicomFile b = new DicomReader(ReadOptions.defaults()).read(broken);
        DicomFile ref = new DicomReader(ReadOptions.defaults()).read(REFERENCE);
        int frames = pixels.descriptor(b).frames();
        assertThat(frames).isGreaterThan(1);
        assertThat(pixels.decodeFrame(b, frames - 1).samples()).isEqualTo(pixels.decodeFrame(ref, frames - 1).samples());
        assertThatThrownBy(() -> pixels.decodeFrame(b, 0)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void extendedOffsetTableMapsFramesOfSeveralFragments() throws Exception {
        DicomFile f = new DicomReader(ReadOptions.everythingInMemory()).read(JPEG_LOSSLESS);
        int frames = pixels.descriptor(f).frames();
        // Re-fragment: each frame into 3 fragments, none but the first starting with SOI; no BOT, an EOT instead.
        List<BinaryValue> frags = new ArrayList<>();
        ByteBuffer eot = ByteBuffer.allocate(8 * frames).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer eotLengths = ByteBuffer.allocate(8 * frames).order(ByteOrder.LITTLE_ENDIAN);
        long offset = 0;
        for (int i = 0; i < frames; i++) {
            byte[] frame = pixels.encodedFrame(f, i);
            if ((frame.length & 1) == 1) {
                frame = java.util.Arrays.copyOf(frame, frame.length + 1);
            }
            eot.putLong(offset);
            eotLengths.putLong(frame.length);
            int third = (frame.length / 3) & ~1;
            for (byte[] part : new byte[][] {java.util.Arrays.copyOfRange(frame, 0, third),
                    java.util.Arrays.copyOfRange(frame, third, 2 * third), java.util.Arrays.copyOfRange(frame, 2 * third, frame.length)}) {
                frags.add(InlineValue.of(part));
                offset += 8 + part.length;
            }
        }
        DatasetBuilder b = f.dataset().toBuilder();
        b.put(new FragmentsElement(Tags.PixelData, Vr.OB, InlineValue.of(new byte[0]), frags));
        b.putBytes(Tags.ExtendedOffsetTable, Vr.OV, eot.array());
        b.putBytes(Tags.ExtendedOffsetTableLengths, Vr.OV, eotLengths.array());
        DicomDataset ds = b.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomWriter().write(out, f.fileMeta(), ds, f.transferSyntax().uid());
        DicomFile back = new DicomReader(ReadOptions.everythingInMemory())
                .read(new ByteArrayInputStream(out.toByteArray()), out.size());
        DicomFile ref = new DicomReader(ReadOptions.defaults()).read(REFERENCE);
        for (int i = 0; i < frames; i++) {
            assertThat(pixels.decodeFrame(back, i).samples()).as("frame %d", i).isEqualTo(pixels.decodeFrame(ref, i).samples());
        }
    }

    @Test
    void undecodableSyntaxNamesItselfAndTheHeaderStaysReadable() throws Exception {
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(JPEG_LOSSLESS);
        PixelDataReader none = new PixelDataReader(new CodecRegistry(java.util.Map.of()));
        assertThatThrownBy(() -> none.decodeFrame(f, 0)).isInstanceOf(UnsupportedTransferSyntaxException.class)
                .hasMessageContaining("1.2.840.10008.1.2.4.70").hasMessageContaining("JPEG Lossless");
        assertThat(f.dataset().intValue(Tags.Rows, 0)).isPositive();
    }
}
