package org.noduletrack.dicom.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.BulkDataElement;
import org.noduletrack.dicom.data.BulkDataRef;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.ValueElement;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;

/**
 * Writes Part 10 files in explicit VR little endian (optionally deflated), or in an encapsulated syntax when the pixel
 * data is already encapsulated. Sequences and items are written with undefined length; group lengths other than the
 * meta group's are recomputed; odd values are padded as their VR requires.
 */
public final class DicomWriter {
    /** Our implementation class UID, under the 2.25 UUID-derived root. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.180512407651046402536521957843911376413";
    public static final String IMPLEMENTATION_VERSION = "NODULETRACK_01";

    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** Writes {@code dataset} to {@code file} atomically (temporary file, then rename), so readers never see half a file. */
    public void write(Path file, DicomDataset fileMeta, DicomDataset dataset, String transferSyntaxUid) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                write(out, fileMeta, dataset, transferSyntaxUid);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes preamble, File Meta Information (built from {@code fileMeta}'s optional elements plus the data set's SOP
     * identifiers) and the data set.
     */
    public void write(OutputStream out, DicomDataset fileMeta, DicomDataset dataset, String transferSyntaxUid) throws IOException {
        TransferSyntax ts = TransferSyntax.of(transferSyntaxUid);
        if (!ts.explicitVr() || ts.bigEndian()) {
            throw new IllegalArgumentException("writing is supported in explicit VR little endian based syntaxes only, not "
                    + transferSyntaxUid);
        }
        boolean hasFragments = dataset.get(Tags.PixelData).map(e -> e instanceof FragmentsElement).orElse(false);
        if (hasFragments != ts.encapsulated() && dataset.contains(Tags.PixelData)) {
            throw new IllegalArgumentException("pixel data is " + (hasFragments ? "encapsulated" : "native")
                    + " but transfer syntax " + transferSyntaxUid + " is " + (ts.encapsulated() ? "encapsulated" : "native"));
        }
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        DicomDataset meta = buildMeta(fileMeta, dataset, transferSyntaxUid);
        Encoder enc = new Encoder(out);
        enc.writeDataset(meta);
        if (ts.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                DeflaterOutputStream dout = new DeflaterOutputStream(new NonClosing(out), deflater, 64 * 1024);
                new Encoder(dout).writeDataset(dataset);
                dout.finish();
            } finally {
                deflater.end();
            }
        } else {
            enc.writeDataset(dataset);
        }
        out.flush();
    }

    static DicomDataset buildMeta(DicomDataset fileMeta, DicomDataset dataset, String tsUid) {
        DatasetBuilder b = new DatasetBuilder(org.noduletrack.dicom.charset.SpecificCharacterSet.DEFAULT);
        for (DicomElement e : fileMeta.elements()) {
            if (TagFormat.group(e.tag()) == 0x0002) {
                b.put(e);
            }
        }
        b.putBytes(Tags.FileMetaInformationVersion, Vr.OB, new byte[] {0, 1});
        String sopClass = dataset.string(Tags.SOPClassUID)
                .orElse(fileMeta.string(Tags.MediaStorageSOPClassUID).orElse(""));
        String sopInstance = dataset.string(Tags.SOPInstanceUID)
                .orElse(fileMeta.string(Tags.MediaStorageSOPInstanceUID).orElse(""));
        b.putString(Tags.MediaStorageSOPClassUID, Vr.UI, sopClass);
        b.putString(Tags.MediaStorageSOPInstanceUID, Vr.UI, sopInstance);
        b.putString(Tags.TransferSyntaxUID, Vr.UI, tsUid);
        b.putString(Tags.ImplementationClassUID, Vr.UI, IMPLEMENTATION_CLASS_UID);
        b.putString(Tags.ImplementationVersionName, Vr.SH, IMPLEMENTATION_VERSION);
        b.remove(Tags.FileMetaInformationGroupLength);
        DicomDataset withoutLength = b.build();
        long len = 0;
        for (DicomElement e : withoutLength.elements()) {
            len += encodedLength(e);
        }
        return withoutLength.toBuilder().putInts(Tags.FileMetaInformationGroupLength, Vr.UL, (int) len).build();
    }

    /** Bytes an element takes when written by this writer. */
    static long encodedLength(DicomElement e) {
        Vr vr = writtenVr(e);
        long header = vr.hasLongHeader() ? 12 : 8;
        return switch (e) {
            case ValueElement v -> header + padded(v.length());
            case BulkDataElement b -> header + padded(b.ref().length());
            case SequenceElement s -> {
                long n = 12 + 8; // header with undefined length + sequence delimiter
                for (DicomDataset item : s.items()) {
                    n += 8 + datasetLength(item) + 8;
                }
                yield n;
            }
            case FragmentsElement f -> {
                long n = 12 + 8 + 8 + padded(f.basicOffsetTable().length());
                for (BinaryValue v : f.fragments()) {
                    n += 8 + padded(v.length());
                }
                yield n;
            }
        };
    }

    static long datasetLength(DicomDataset ds) {
        long n = 0;
        for (DicomElement e : ds.elements()) {
            n += encodedLength(e);
        }
        return n;
    }

    private static long padded(long len) { return (len + 1) & ~1L; }

    /** A short-header VR whose value is too long for 16 bits must be written as UN (PS3.5 6.2.2 Note). */
    private static Vr writtenVr(DicomElement e) {
        Vr vr = e.vr();
        if (!vr.hasLongHeader()) {
            long len = switch (e) {
                case ValueElement v -> v.length();
                case BulkDataElement b -> b.ref().length();
                default -> 0;
            };
            if (len > 0xFFFE) {
                return Vr.UN;
            }
        }
        return vr;
    }

    /** Explicit VR little endian element encoder. */
    private static final class Encoder {
        private final OutputStream out;
        private final byte[] hdr = new byte[12];

        Encoder(OutputStream out) { this.out = out; }

        void writeDataset(DicomDataset ds) throws IOException {
            // Group lengths are recomputed from what is actually written (they are retired, but kept when present).
            for (DicomElement e : ds.elements()) {
                if (TagFormat.isGroupLength(e.tag()) && TagFormat.group(e.tag()) != 0x0002 && e.vr() == Vr.UL) {
                    long len = groupLength(ds, TagFormat.group(e.tag()));
                    writeHeader(e.tag(), Vr.UL, 4);
                    writeInt((int) len);
                    continue;
                }
                writeElement(e);
            }
        }

        private static long groupLength(DicomDataset ds, int group) {
            long n = 0;
            for (DicomElement e : ds.elements()) {
                if (TagFormat.group(e.tag()) == group && !TagFormat.isGroupLength(e.tag())) {
                    n += encodedLength(e);
                }
            }
            return n;
        }

        void writeElement(DicomElement e) throws IOException {
            Vr vr = writtenVr(e);
            switch (e) {
                case ValueElement v -> {
                    byte[] b = v.bytes();
                    writeHeader(e.tag(), vr, padded(b.length));
                    out.write(b);
                    pad(b.length, v.vr());
                }
                case BulkDataElement bd -> {
                    BulkDataRef ref = bd.ref();
                    writeHeader(e.tag(), vr, padded(ref.length()));
                    copy(ref);
                    pad(ref.length(), bd.vr());
                }
                case SequenceElement s -> {
                    writeHeader(e.tag(), vr, UNDEFINED);
                    for (DicomDataset item : s.items()) {
                        writeItemHeader(Tags.Item, UNDEFINED);
                        writeDataset(item);
                        writeItemHeader(Tags.ItemDelimitationItem, 0);
                    }
                    writeItemHeader(Tags.SequenceDelimitationItem, 0);
                }
                case FragmentsElement f -> {
                    writeHeader(e.tag(), vr, UNDEFINED);
                    writeFragment(f.basicOffsetTable());
                    for (BinaryValue v : f.fragments()) {
                        writeFragment(v);
                    }
                    writeItemHeader(Tags.SequenceDelimitationItem, 0);
                }
            }
        }

        private void writeFragment(BinaryValue v) throws IOException {
            byte[] b = v.bytes();
            writeItemHeader(Tags.Item, padded(b.length));
            out.write(b);
            if ((b.length & 1) == 1) {
                out.write(0);
            }
        }

        private void copy(BulkDataRef ref) throws IOException {
            long done = 0;
            while (done < ref.length()) {
                int n = (int) Math.min(1 << 20, ref.length() - done);
                out.write(ref.read(done, n));
                done += n;
            }
        }

        private void pad(long len, Vr vr) throws IOException {
            if ((len & 1) == 1) {
                out.write(vr.paddingByte());
            }
        }

        private void writeHeader(int tag, Vr vr, long len) throws IOException {
            putTag(tag);
            hdr[4] = (byte) vr.code0();
            hdr[5] = (byte) vr.code1();
            if (vr.hasLongHeader()) {
                hdr[6] = 0;
                hdr[7] = 0;
                putInt(8, (int) len);
                out.write(hdr, 0, 12);
            } else {
                hdr[6] = (byte) len;
                hdr[7] = (byte) (len >>> 8);
                out.write(hdr, 0, 8);
            }
        }

        private void writeItemHeader(int tag, long len) throws IOException {
            putTag(tag);
            putInt(4, (int) len);
            out.write(hdr, 0, 8);
        }

        private void writeInt(int v) throws IOException {
            putInt(0, v);
            out.write(hdr, 0, 4);
        }

        private void putTag(int tag) {
            hdr[0] = (byte) (tag >>> 16);
            hdr[1] = (byte) (tag >>> 24);
            hdr[2] = (byte) tag;
            hdr[3] = (byte) (tag >>> 8);
        }

        private void putInt(int off, int v) {
            hdr[off] = (byte) v;
            hdr[off + 1] = (byte) (v >>> 8);
            hdr[off + 2] = (byte) (v >>> 16);
            hdr[off + 3] = (byte) (v >>> 24);
        }
    }

    /** Lets the deflater finish without closing the underlying file stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) { super(out); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override
        public void close() throws IOException { flush(); }
    }
}
