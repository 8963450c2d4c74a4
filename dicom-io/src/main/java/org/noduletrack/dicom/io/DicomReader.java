package org.noduletrack.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.noduletrack.dicom.charset.SpecificCharacterSet;
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.BulkDataElement;
import org.noduletrack.dicom.data.BulkDataRef;
import org.noduletrack.dicom.data.ByteSwap;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.InlineValue;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads DICOM Part 10 files and bare data sets: all four non-compressed encodings, encapsulated pixel data,
 * nested sequences of defined and undefined length. Declared lengths are checked against the bytes left before anything
 * is allocated; structural errors throw {@link DicomParseException} with the byte offset; deviations real files have
 * (odd lengths, missing meta header, wrong VR, trailing padding) are tolerated and listed in {@link DicomFile#issues()}.
 *
 * <p>A reader is immutable and may be shared between threads; each call parses independently.
 */
public final class DicomReader {
    private static final Logger LOG = LoggerFactory.getLogger(DicomReader.class);
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int BUFFER = 16 * 1024;
    /** A corrupt file can produce a deviation per element; the first ones tell the story. */
    private static final int MAX_ISSUES = 1000;
    /** Inflated bytes allowed per compressed byte beyond the first 32 MiB: deflate bombs are rejected, not expanded. */
    private static final long MAX_INFLATE_RATIO = 100;

    private final ReadOptions options;
    private final VrLookup vrLookup;

    public DicomReader(ReadOptions options) {
        this(options, VrLookup.standard());
    }

    public DicomReader(ReadOptions options, VrLookup vrLookup) {
        this.options = options;
        this.vrLookup = vrLookup;
    }

    public ReadOptions options() { return options; }

    public DicomFile read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, size, file);
        }
    }

    /** Reads a stream (bulk data is then always read into memory). {@code length} may be -1 if unknown. */
    public DicomFile read(InputStream in, long length) throws IOException {
        return read(in, length, null);
    }

    private DicomFile read(InputStream in, long length, Path file) throws IOException {
        ByteSource src = new ByteSource(in, length, BUFFER);
        Parse p = new Parse(src, file);
        try {
            return runGuarded(p);
        } finally {
            if (p.inflater != null) {
                p.inflater.end(); // native memory, not left to the garbage collector
            }
        }
    }

    private static DicomFile runGuarded(Parse p) throws IOException {
        try {
            return p.run();
        } catch (EOFException e) {
            throw new DicomParseException("unexpected end of data (" + e.getMessage() + ")", p.src.position(), p.currentTag, e);
        } catch (java.util.zip.ZipException e) {
            throw new DicomParseException("corrupt deflated data set: " + e.getMessage(), p.src.position(), p.currentTag, e);
        } catch (StackOverflowError e) {
            // Only reachable with a very large ReadOptions.maxDepth; the recursion unwinds completely before this.
            throw new DicomParseException("sequences nested too deeply for this reader", p.src.position(), p.currentTag);
        }
    }

    /** State of one parse. */
    private final class Parse {
        ByteSource src;
        final Path file;
        final List<ParseIssue> issues = new ArrayList<>();
        boolean explicit;
        boolean bigEndian;
        boolean stopped;
        /** Set for deflated data sets; ended when the parse finishes. */
        Inflater inflater;
        /** Pixel Representation seen so far: decides US versus SS in implicit VR. */
        boolean signedPixels;
        int currentTag = DicomParseException.NO_TAG;

        Parse(ByteSource src, Path file) {
            this.src = src;
            this.file = file;
        }

        void issue(long offset, int tag, String message) {
            if (issues.size() >= MAX_ISSUES) {
                if (issues.size() == MAX_ISSUES) {
                    issues.add(new ParseIssue(offset, tag, "more deviations follow; not listed"));
                }
                return;
            }
            issues.add(new ParseIssue(offset, tag, message));
            if (LOG.isDebugEnabled()) {
                LOG.debug("{}: {} at byte {} {}", file, message, offset, tag == DicomParseException.NO_TAG ? "" : TagFormat.toString(tag));
            }
        }

        DicomFile run() throws IOException {
            boolean preamble = false;
            if (src.request(132) && src.peek(128) == 'D' && src.peek(129) == 'I' && src.peek(130) == 'C' && src.peek(131) == 'M') {
                src.skip(132);
                preamble = true;
            } else if (src.request(4) && src.peek(0) == 'D' && src.peek(1) == 'I' && src.peek(2) == 'C' && src.peek(3) == 'M') {
                src.skip(4);
                issue(0, DicomParseException.NO_TAG, "no 128-byte preamble before DICM");
                preamble = true;
            }
            if (!src.request(8)) {
                throw new DicomParseException("not a DICOM file: fewer than 8 bytes of data", src.position(), DicomParseException.NO_TAG);
            }
            DicomDataset meta = DicomDataset.empty();
            if (src.peek(0) == 0x02 && src.peek(1) == 0x00) {
                meta = readFileMeta();
            } else if (preamble) {
                issue(src.position(), DicomParseException.NO_TAG, "DICM prefix without File Meta Information");
            }
            TransferSyntax ts;
            Optional<String> tsUid = meta.string(Tags.TransferSyntaxUID);
            if (tsUid.isPresent()) {
                ts = TransferSyntax.of(tsUid.get());
            } else {
                ts = sniffEncoding();
                if (!preamble && meta.isEmpty()) {
                    checkPlausibleStart(ts);
                }
                issue(src.position(), DicomParseException.NO_TAG, "no transfer syntax in the meta header; inferred " + ts.uid());
            }
            if (ts.deflated()) {
                // The inflated stream's length is unknown: values are checked against what actually arrives.
                RemainingInput compressed = new RemainingInput(src);
                inflater = new Inflater(detectRawDeflate());
                InputStream inflated = new BombGuard(new InflaterInputStream(compressed, inflater, 8192),
                        compressed, src.position());
                src = new ByteSource(inflated, -1, BUFFER);
            }
            explicit = ts.explicitVr();
            bigEndian = ts.bigEndian();
            if (explicit && !ts.deflated() && src.request(6) && Vr.fromCode(src.peek(4), src.peek(5)) == null
                    && !isItemTag(peekTag())) {
                issue(src.position(), DicomParseException.NO_TAG,
                        "transfer syntax says explicit VR but the data set is implicit VR; reading it as implicit");
                explicit = false;
            }
            Path refFile = ts.deflated() ? null : file;
            DatasetBuilder root = new DatasetBuilder(SpecificCharacterSet.DEFAULT);
            readElements(root, -1, 0, refFile, true);
            if (root.wasOutOfOrder()) {
                issue(0, DicomParseException.NO_TAG, "elements are not in ascending tag order");
            }
            return new DicomFile(meta, root.build(), ts, Optional.ofNullable(file), issues, stopped);
        }

        private void checkPlausibleStart(TransferSyntax ts) throws IOException {
            int g = src.peek(0) | (src.peek(1) << 8);
            if (ts.bigEndian()) {
                g = (src.peek(0) << 8) | src.peek(1);
            }
            if (g == 0 || (g > 0x00FF && g != 0x7FE0 && g != 0x0800)) {
                // Bare data sets start with a low group (0008 usually); anything else is not DICOM.
                throw new DicomParseException("not a DICOM file: no DICM preamble and no plausible first element", 0,
                        DicomParseException.NO_TAG);
            }
        }

        private boolean detectRawDeflate() throws IOException {
            // PS3.5 A.5 requires raw deflate; some writers add a zlib header (CMF 0x78) anyway.
            if (src.request(2)) {
                int cmf = src.peek(0), flg = src.peek(1);
                if (cmf == 0x78 && ((cmf << 8) | flg) % 31 == 0) {
                    issue(src.position(), DicomParseException.NO_TAG, "deflated data set has a zlib header");
                    return false;
                }
            }
            return true;
        }

        private DicomDataset readFileMeta() throws IOException {
            DatasetBuilder b = new DatasetBuilder(SpecificCharacterSet.DEFAULT);
            explicit = true;
            bigEndian = false;
            long declaredEnd = -1;
            while (src.request(8) && src.peek(0) == 0x02 && src.peek(1) == 0x00) {
                long start = src.position();
                boolean explicitHere = Vr.fromCode(src.peek(4), src.peek(5)) != null;
                if (!explicitHere) {
                    issue(start, peekTag(), "File Meta Information element in implicit VR");
                }
                explicit = explicitHere;
                int tag = readElement(b, 1, null, false);
                if (tag == Tags.FileMetaInformationGroupLength) {
                    int[] len = b.build().ints(Tags.FileMetaInformationGroupLength);
                    if (len.length == 1) {
                        declaredEnd = src.position() + (len[0] & 0xFFFFFFFFL);
                    }
                }
            }
            if (declaredEnd >= 0 && declaredEnd != src.position()) {
                issue(src.position(), Tags.FileMetaInformationGroupLength,
                        "File Meta Information Group Length says the group ends at byte " + declaredEnd + " but it ends here");
            }
            explicit = true;
            return b.build();
        }

        /** Infers the encoding of a data set that has no transfer syntax from its first element header. */
        private TransferSyntax sniffEncoding() throws IOException {
            if (!src.request(8)) {
                return TransferSyntax.EXPLICIT_LITTLE;
            }
            boolean explicitVr = Vr.fromCode(src.peek(4), src.peek(5)) != null;
            int groupLe = src.peek(0) | (src.peek(1) << 8);
            int groupBe = (src.peek(0) << 8) | src.peek(1);
            boolean be = explicitVr && groupLe > 0xFF && groupBe <= 0xFF;
            if (be) {
                return TransferSyntax.EXPLICIT_BIG;
            }
            return explicitVr ? TransferSyntax.EXPLICIT_LITTLE : TransferSyntax.IMPLICIT_LITTLE;
        }

        private int peekTag() {
            int g = bigEndian ? (src.peek(0) << 8) | src.peek(1) : src.peek(0) | (src.peek(1) << 8);
            int e = bigEndian ? (src.peek(2) << 8) | src.peek(3) : src.peek(2) | (src.peek(3) << 8);
            return (g << 16) | e;
        }

        /**
         * Reads elements into {@code b} until {@code end} (absolute offset) or, when end is -1, until an item
         * delimiter (nested) or the end of input (top level).
         */
        private void readElements(DatasetBuilder b, long end, int depth, Path refFile, boolean topLevel) throws IOException {
            while (true) {
                if (end >= 0 && src.position() >= end) {
                    if (src.position() > end) {
                        throw new DicomParseException("item contents overrun the item's length by " + (src.position() - end)
                                + " bytes", src.position(), currentTag);
                    }
                    return;
                }
                if (!src.request(8)) {
                    if (src.atEnd()) {
                        if (topLevel) {
                            return;
                        }
                        throw new DicomParseException("data ends inside an item (missing item delimiter)", src.position(), currentTag);
                    }
                    if (topLevel) {
                        issue(src.position(), DicomParseException.NO_TAG, "ignored " + src.remaining() + " trailing bytes");
                        src.skip(src.remaining());
                        return;
                    }
                    throw new DicomParseException("data ends inside an element header", src.position(), currentTag);
                }
                int tag = peekTag();
                if (tag == Tags.ItemDelimitationItem) {
                    long pos = src.position();
                    src.skip(4);
                    long len = src.u32(bigEndian);
                    if (len != 0) {
                        issue(pos, tag, "item delimiter with non-zero length " + len);
                    }
                    if (end < 0 && !topLevel) {
                        return;
                    }
                    issue(pos, tag, "stray item delimiter ignored");
                    continue;
                }
                if (topLevel && tag == 0) {
                    // Group 0000 never occurs in a stored data set: this is zero padding (or garbage) after the data.
                    issue(src.position(), DicomParseException.NO_TAG, allZeroAhead()
                            ? "ignored trailing zero padding" : "ignored the rest of the input after a zero tag");
                    if (src.knownLength()) {
                        src.skip(src.remaining());
                    }
                    return;
                }
                if (topLevel && options.pixelData() == ReadOptions.PixelDataMode.STOP
                        && Integer.compareUnsigned(tag, Tags.FloatPixelData) >= 0 && tag != Tags.DataSetTrailingPadding) {
                    stopped = true;
                    return;
                }
                readElement(b, depth, refFile, topLevel);
            }
        }

        private boolean allZeroAhead() throws IOException {
            if (!src.knownLength() || src.remaining() > 4096) {
                return false;
            }
            int n = (int) src.remaining();
            if (!src.request(n)) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (src.peek(i) != 0) {
                    return false;
                }
            }
            return true;
        }

        /** Reads one element (header and value) and returns its tag. */
        private int readElement(DatasetBuilder b, int depth, Path refFile, boolean topLevel) throws IOException {
            long start = src.position();
            int group = src.u16(bigEndian);
            int elem = src.u16(bigEndian);
            int tag = (group << 16) | elem;
            currentTag = tag;
            Vr vr;
            long len;
            if (isItemTag(tag)) {
                throw new DicomParseException("item tag outside a sequence", start, tag);
            }
            boolean explicitHere = explicit;
            if (explicitHere) {
                if (!src.request(2)) {
                    throw new EOFException("element header cut short");
                }
                vr = Vr.fromCode(src.peek(0), src.peek(1));
                if (vr == null) {
                    // Some writers emit single implicit-VR elements in explicit data sets; fall back for this element.
                    issue(start, tag, String.format("invalid VR bytes %02X %02X; element read as implicit VR",
                            src.peek(0), src.peek(1)));
                    explicitHere = false;
                }
            }
            if (explicitHere) {
                int c0 = src.u8(), c1 = src.u8();
                vr = Vr.fromCode(c0, c1);
                if (vr.hasLongHeader()) {
                    src.skip(2);
                    len = src.u32(bigEndian);
                } else {
                    len = src.u16(bigEndian);
                }
            } else {
                len = src.u32(bigEndian);
                vr = vrLookup.implicitVr(tag, signedPixels);
            }
            if (len == UNDEFINED) {
                readUndefinedLength(b, tag, vr, start, depth, refFile, topLevel);
                return tag;
            }
            if (len > src.remaining()) {
                throw new DicomParseException("value length " + len + " exceeds the " + src.remaining() + " bytes left",
                        start, tag);
            }
            if ((len & 1) == 1) {
                issue(start, tag, "odd value length " + len);
            }
            if (vr == Vr.SQ) {
                List<DicomDataset> items = readItems(src.position() + len, depth + 1, b.currentCharacterSet(), refFile, tag);
                b.put(new SequenceElement(tag, vr, items));
                return tag;
            }
            if (vr == Vr.UN && explicitHere) {
                Vr known = vrLookup.dictionaryVr(tag);
                if (known != null && known != Vr.SQ && known != Vr.UN && (known.hasLongHeader() || len <= 0xFFFF)) {
                    vr = known; // PS3.5 6.2.2: UN of a known element is read as its dictionary VR
                }
            }
            readValue(b, tag, vr, len, start, refFile, topLevel);
            return tag;
        }

        private void readValue(DatasetBuilder b, int tag, Vr vr, long len, long start, Path refFile, boolean topLevel)
                throws IOException {
            boolean pixel = topLevel && isPixelDataTag(tag);
            int swap = bigEndian ? swapUnit(vr) : 1;
            boolean canReference = refFile != null && options.pixelData() != ReadOptions.PixelDataMode.INLINE;
            if (canReference && (pixel || (!vr.isText() && vr != Vr.SQ && len > options.bulkDataThreshold()))) {
                b.put(new BulkDataElement(tag, vr, new BulkDataRef(refFile, src.position(), len, swap)));
                src.skip(len);
                return;
            }
            if (len > options.maxInlineValue()) {
                throw new DicomParseException("value of " + len + " bytes is larger than the in-memory limit of "
                        + options.maxInlineValue(), start, tag);
            }
            byte[] v = src.bytes((int) len);
            if (swap > 1) {
                ByteSwap.swap(v, swap);
            }
            if (tag == Tags.PixelRepresentation && v.length >= 2) {
                signedPixels = ((v[0] & 0xFF) | (v[1] & 0xFF) << 8) == 1;
            }
            b.putOwned(tag, vr, v);
        }

        private int swapUnit(Vr vr) {
            return vr == Vr.AT ? 2 : vr.swapUnit();
        }

        private void readUndefinedLength(DatasetBuilder b, int tag, Vr vr, long start, int depth, Path refFile, boolean topLevel)
                throws IOException {
            if (vr == Vr.SQ || vr == Vr.UN && !isPixelDataTag(tag)) {
                boolean savedExplicit = explicit, savedBig = bigEndian;
                if (vr == Vr.UN) {
                    // PS3.5 6.2.2: a UN sequence of undefined length is encoded in implicit VR little endian.
                    explicit = false;
                    bigEndian = false;
                }
                try {
                    List<DicomDataset> items = readItems(-1, depth + 1, b.currentCharacterSet(), refFile, tag);
                    b.put(new SequenceElement(tag, vr == Vr.UN ? Vr.SQ : vr, items));
                } finally {
                    explicit = savedExplicit;
                    bigEndian = savedBig;
                }
                return;
            }
            if (vr == Vr.OB || vr == Vr.OW || vr == Vr.UN) {
                readFragments(b, tag, vr == Vr.UN ? Vr.OB : vr, refFile);
                return;
            }
            if (!explicit) {
                // Implicit VR with an unknown (private) element of undefined length: only a sequence can be that.
                readUndefinedLength(b, tag, Vr.SQ, start, depth, refFile, topLevel);
                return;
            }
            throw new DicomParseException("undefined length on a " + vr + " element", start, tag);
        }

        private List<DicomDataset> readItems(long end, int depth, SpecificCharacterSet cs, Path refFile, int seqTag)
                throws IOException {
            if (depth > options.maxDepth()) {
                throw new DicomParseException("sequences nested deeper than " + options.maxDepth(), src.position(), seqTag);
            }
            List<DicomDataset> items = new ArrayList<>();
            while (end < 0 || src.position() < end) {
                long pos = src.position();
                int tag = (src.u16(bigEndian) << 16) | src.u16(bigEndian);
                long len = src.u32(bigEndian);
                if (tag == Tags.SequenceDelimitationItem) {
                    if (end >= 0) {
                        issue(pos, tag, "sequence delimiter inside a sequence of defined length");
                    }
                    return items;
                }
                if (tag != Tags.Item) {
                    throw new DicomParseException("expected an item in sequence " + TagFormat.toString(seqTag)
                            + " but found " + TagFormat.toString(tag), pos, seqTag);
                }
                if (len != UNDEFINED) {
                    long room = end >= 0 ? end - src.position() : src.remaining();
                    if (len > room) {
                        if (!src.knownLength() || room < 0) {
                            throw new DicomParseException("item length " + len + " exceeds the " + room + " bytes left",
                                    pos, seqTag);
                        }
                        // Editing tools that drop elements sometimes leave the item length stale; the sequence
                        // (or file) boundary is the better evidence, and what is inside still parses element by element.
                        issue(pos, seqTag, "item length " + len + " overruns its container by " + (len - room)
                                + " bytes; item read up to the container's end");
                        len = room;
                    }
                }
                DatasetBuilder item = new DatasetBuilder(cs);
                readElements(item, len == UNDEFINED ? -1 : src.position() + len, depth, refFile, false);
                items.add(item.build());
                currentTag = seqTag;
            }
            if (src.position() > end) {
                throw new DicomParseException("sequence contents overrun its length", src.position(), seqTag);
            }
            return items;
        }

        private void readFragments(DatasetBuilder b, int tag, Vr vr, Path refFile) throws IOException {
            BinaryValue bot = null;
            List<BinaryValue> fragments = new ArrayList<>();
            boolean reference = refFile != null && options.pixelData() != ReadOptions.PixelDataMode.INLINE;
            long total = 0;
            while (true) {
                long pos = src.position();
                int itemTag = (src.u16(bigEndian) << 16) | src.u16(bigEndian);
                long len = src.u32(bigEndian);
                if (itemTag == Tags.SequenceDelimitationItem) {
                    break;
                }
                if (itemTag != Tags.Item) {
                    throw new DicomParseException("expected a fragment item in encapsulated pixel data but found "
                            + TagFormat.toString(itemTag), pos, tag);
                }
                if (len == UNDEFINED || len > src.remaining()) {
                    throw new DicomParseException("fragment length " + len + " exceeds the " + src.remaining() + " bytes left",
                            pos, tag);
                }
                BinaryValue v;
                if (reference) {
                    v = new BulkDataRef(refFile, src.position(), len, 1);
                    src.skip(len);
                } else {
                    total += len;
                    if (total > options.maxInlineValue()) {
                        throw new DicomParseException("encapsulated pixel data larger than the in-memory limit", pos, tag);
                    }
                    v = InlineValue.of(src.bytes((int) len));
                }
                if (bot == null) {
                    bot = v;
                } else {
                    fragments.add(v);
                }
            }
            if (bot == null) {
                throw new DicomParseException("encapsulated pixel data without a Basic Offset Table item", src.position(), tag);
            }
            b.put(new FragmentsElement(tag, vr, bot, fragments));
        }
    }

    static boolean isItemTag(int tag) {
        return tag == Tags.Item || tag == Tags.ItemDelimitationItem || tag == Tags.SequenceDelimitationItem;
    }

    static boolean isPixelDataTag(int tag) {
        return tag == Tags.PixelData || tag == Tags.FloatPixelData || tag == Tags.DoubleFloatPixelData;
    }

    /** Stops inflation that expands far beyond any real data set (a deflate bomb). */
    private static final class BombGuard extends java.io.FilterInputStream {
        private final RemainingInput compressed;
        private final long compressedStart;
        private long inflated;

        BombGuard(InputStream in, RemainingInput compressed, long compressedStart) {
            super(in);
            this.compressed = compressed;
            this.compressedStart = compressedStart;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            inflated += n;
            long used = Math.max(1, compressed.consumed());
            if (inflated > (32L << 20) && inflated > MAX_INFLATE_RATIO * used) {
                throw new DicomParseException("deflated data set expands more than " + MAX_INFLATE_RATIO
                        + "-fold (" + inflated + " bytes from " + used + "); refusing to inflate it further",
                        compressedStart + used, DicomParseException.NO_TAG);
            }
        }
    }

    /** Reads what is left of a ByteSource as a plain stream (for the inflater). */
    private static final class RemainingInput extends InputStream {
        private final ByteSource src;
        private final long start;

        RemainingInput(ByteSource src) {
            this.src = src;
            this.start = src.position();
        }

        long consumed() { return src.position() - start; }

        @Override
        public int read() throws IOException {
            return src.atEnd() ? -1 : src.u8();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (src.atEnd()) {
                return -1;
            }
            long left = src.remaining();
            int n = (int) Math.min(len, Math.min(left, 8192));
            if (!src.request(n)) {
                n = 1;
            }
            src.readFully(b, off, n);
            return n;
        }
    }
}
