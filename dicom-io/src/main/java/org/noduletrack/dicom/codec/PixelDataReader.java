package org.noduletrack.dicom.codec;

import java.io.IOException;
import java.util.List;
import org.noduletrack.dicom.data.BulkDataElement;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.ValueElement;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.UnsupportedTransferSyntaxException;

/**
 * Decodes frames of a parsed file, one at a time: a multi-frame file read with {@code ReadOptions.defaults()} only reads
 * the bytes of the requested frame.
 */
public final class PixelDataReader {
    private final CodecRegistry codecs;

    public PixelDataReader(CodecRegistry codecs) {
        this.codecs = codecs;
    }

    public PixelDescriptor descriptor(DicomFile file) throws PixelDataException {
        try {
            return PixelDescriptor.of(file.dataset());
        } catch (IllegalArgumentException e) {
            throw new PixelDataException("invalid Image Pixel attributes: " + e.getMessage(), e);
        }
    }

    public DecodedFrame decodeFrame(DicomFile file, int frame) throws IOException {
        PixelDescriptor d = descriptor(file);
        String ts = file.transferSyntax().uid();
        FrameDecoder decoder = codecs.decoderFor(ts).orElseThrow(() -> new UnsupportedTransferSyntaxException(ts,
                CodecRegistry.nameOf(ts), "no decoder for this syntax is available"));
        return decoder.decode(encodedFrame(file, frame), d);
    }

    /** The frame's bytes as stored: native little-endian samples, or the codestream of its fragments. */
    public byte[] encodedFrame(DicomFile file, int frame) throws IOException {
        DicomDataset ds = file.dataset();
        PixelDescriptor d = descriptor(file);
        if (frame < 0 || frame >= d.frames()) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + d.frames());
        }
        DicomElement px = ds.get(Tags.PixelData).orElseThrow(() -> new PixelDataException(
                file.stoppedAtPixelData() ? "pixel data was not read (header-only read)" : "the data set has no pixel data"));
        return switch (px) {
            case FragmentsElement f -> {
                List<int[]> frames = EncapsulatedFrames.frameFragments(ds, f, d.frames());
                yield EncapsulatedFrames.concat(f.fragments(), frames.get(frame));
            }
            case BulkDataElement b -> {
                long len = d.nativeFrameBytes();
                if (d.bitsAllocated() == 1 && d.frames() > 1) {
                    throw new PixelDataException("multi-frame 1-bit pixel data is not supported");
                }
                long from = frame * len;
                if (from + len > b.ref().length()) {
                    throw new PixelDataException("pixel data holds " + b.ref().length() + " bytes; frame " + frame
                            + " needs bytes " + from + ".." + (from + len));
                }
                yield b.ref().read(from, (int) len);
            }
            case ValueElement v -> {
                long len = d.nativeFrameBytes();
                long from = frame * len;
                if (from + len > v.length()) {
                    throw new PixelDataException("pixel data holds " + v.length() + " bytes; frame " + frame
                            + " needs bytes " + from + ".." + (from + len));
                }
                byte[] all = v.bytes();
                yield java.util.Arrays.copyOfRange(all, (int) from, (int) (from + len));
            }
            default -> throw new PixelDataException("pixel data element is a sequence");
        };
    }
}
