package org.noduletrack.dicom.robustness;

import org.noduletrack.dicom.robustness.MutationCorpusTest.Case;

/** Hand-built inputs whose structure looks infinite, deep or huge (part (d) of the corpus). */
final class Pathological {
    private Pathological() {}

    static final int DEPTH = 10_000;
    static final int SQ = 0x00081115; // Referenced Series Sequence
    static final int PRIVATE = 0x00091010; // an unknown private element

    /** Builds the cases one at a time (some are megabytes) and hands each to {@code c}. */
    static void cases(java.util.function.Consumer<Case> sink) {
        Sink c = new Sink(sink);
        c.add(new Case("10,000 nested SQ/item of undefined length, explicit VR LE, properly closed", nestedExplicit(DEPTH, true)));
        c.add(new Case("10,000 nested SQ/item of undefined length, explicit VR LE, data ends before any delimiter",
                nestedExplicit(DEPTH, false)));
        c.add(new Case("10,000 nested private elements of undefined length (sequences by inference), implicit VR LE",
                nestedImplicit(DEPTH, true)));
        c.add(new Case("10,000 nested UN of undefined length (implicit VR LE inside), explicit VR LE", nestedUn(DEPTH)));
        c.add(new Case("10,000 nested SQ/item of defined length, explicit VR LE", nestedDefined(DEPTH)));
        c.add(new Case("SQ of defined length declaring 2,000,000 empty items (16 MB) but data ends after 1,000",
                declaredManyItems()));
        c.add(new Case("SQ of undefined length with 250,000 zero-length items", manyEmptyItems(250_000, false)));
        c.add(new Case("SQ of undefined length with 250,000 undefined-length items closed at once",
                manyEmptyItems(250_000, true)));
        c.add(new Case("SQ of undefined length, 250,000 zero-length items, no sequence delimiter (data ends)",
                manyEmptyItemsNoEnd(250_000)));
        c.add(new Case("250,000 stray item delimiters at top level", strayDelimiters(250_000, DicomBytes.ITEM_DELIMITER)));
        c.add(new Case("one SQ, one undefined item, then 250,000 item delimiters", delimiterLoopInItem(250_000)));
        c.add(new Case("250,000 stray sequence delimiters at top level",
                strayDelimiters(250_000, DicomBytes.SEQUENCE_DELIMITER)));
        c.add(new Case("160,000 sibling empty sequences with distinct tags (1.9 MB)", siblingSequences(160_000)));
        c.add(new Case("(0008,0005) with 30,000 empty terms, then 20,000 sibling empty sequences (270 KB)",
                charsetAndSequences(30_000, 20_000)));
        c.add(new Case("encapsulated pixel data with 250,000 empty fragments", manyFragments(250_000)));
        c.add(new Case("100,000 elements repeating the same two tags out of order", outOfOrderRepeats(100_000)));
        c.add(new Case("deflate bomb: 1 KiB deflated data set inflating to 1 MiB of zeros", deflateZeros(1)));
        c.add(new Case("deflate bomb: ~1 MB deflated data set inflating to 1 GiB of zeros", deflateZeros(1024)));
        c.add(new Case("deflate bomb: OB of 0x1FFFFFF0 bytes (just under maxInlineValue) made of deflated zeros",
                deflateOneBigValue(0x1FFFFFF0L, 512)));
        c.add(new Case("deflate bomb: four OB values of 256 MiB each made of deflated zeros", deflateManyBigValues(4)));
        c.add(new Case("deflate bomb: 1 GiB of stray item delimiters", deflateRepeated(delimiterPattern(), 1024)));
        c.add(new Case("deflated: 1,800 OB values of 17 KiB of zeros each (30 MiB inflated)", deflateManySmallValues(1_800, 17 << 10)));
    }

    /** Adapter so the list above reads as a list: c.add(case) runs the case at once. */
    private record Sink(java.util.function.Consumer<Case> sink) {
        void add(Case c) { sink.accept(c); }
    }

    // ---------------------------------------------------------------------------------------------------------------

    static byte[] nestedExplicit(int depth, boolean close) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00080060, "CS", "CT");
        for (int i = 0; i < depth; i++) {
            b.explicitHeader(SQ, "SQ", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        }
        b.explicitText(0x00100010, "PN", "DEEP^INSIDE");
        if (close) {
            for (int i = 0; i < depth; i++) {
                b.itemDelimiter().sequenceDelimiter();
            }
        }
        return b.toByteArray();
    }

    static byte[] nestedImplicit(int depth, boolean close) {
        DicomBytes b = DicomBytes.part10(DicomBytes.IMPLICIT_LE);
        b.implicit(0x00080060, DicomBytes.text("CT"));
        for (int i = 0; i < depth; i++) {
            b.implicitHeader(PRIVATE, DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        }
        b.implicit(0x00100010, DicomBytes.text("DEEP^INSIDE"));
        if (close) {
            for (int i = 0; i < depth; i++) {
                b.itemDelimiter().sequenceDelimiter();
            }
        }
        return b.toByteArray();
    }

    static byte[] nestedUn(int depth) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00080060, "CS", "CT");
        b.explicitHeader(PRIVATE, "UN", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        for (int i = 1; i < depth; i++) { // inside a UN sequence everything is implicit VR
            b.implicitHeader(PRIVATE, DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        }
        for (int i = 0; i < depth; i++) {
            b.itemDelimiter().sequenceDelimiter();
        }
        return b.toByteArray();
    }

    /** Built from the inside out so every length is right. */
    static byte[] nestedDefined(int depth) {
        byte[] inner = new DicomBytes().explicitText(0x00100010, "PN", "DEEP^INSIDE").toByteArray();
        for (int i = 0; i < depth; i++) {
            DicomBytes level = new DicomBytes();
            level.explicitHeader(SQ, "SQ", inner.length + 8L).item(inner.length).raw(inner);
            inner = level.toByteArray();
        }
        return DicomBytes.part10(DicomBytes.EXPLICIT_LE).explicitText(0x00080060, "CS", "CT").raw(inner).toByteArray();
    }

    static byte[] declaredManyItems() {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitHeader(SQ, "SQ", 2_000_000L * 8);
        for (int i = 0; i < 1000; i++) {
            b.item(0);
        }
        return b.toByteArray();
    }

    static byte[] manyEmptyItems(int n, boolean undefinedItems) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitHeader(SQ, "SQ", DicomBytes.UNDEFINED);
        for (int i = 0; i < n; i++) {
            if (undefinedItems) {
                b.item(DicomBytes.UNDEFINED).itemDelimiter();
            } else {
                b.item(0);
            }
        }
        b.sequenceDelimiter();
        return b.toByteArray();
    }

    static byte[] manyEmptyItemsNoEnd(int n) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitHeader(SQ, "SQ", DicomBytes.UNDEFINED);
        for (int i = 0; i < n; i++) {
            b.item(0);
        }
        return b.toByteArray();
    }

    static byte[] strayDelimiters(int n, int tag) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00080060, "CS", "CT");
        for (int i = 0; i < n; i++) {
            b.tag(tag).u32(0);
        }
        return b.toByteArray();
    }

    static byte[] delimiterLoopInItem(int n) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitHeader(SQ, "SQ", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        for (int i = 0; i < n; i++) {
            b.itemDelimiter();
        }
        b.sequenceDelimiter();
        return b.toByteArray();
    }

    static byte[] siblingSequences(int n) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        for (int i = 0; i < n; i++) {
            int tag = ((0x0011 + 2 * (i >>> 15)) << 16) | (0x1000 + (i & 0x7FFF));
            b.explicitHeader(tag, "SQ", 0);
        }
        return b.toByteArray();
    }

    /** A Specific Character Set of {@code terms} empty values, then n empty sequences (each looks the character set up). */
    static byte[] charsetAndSequences(int terms, int n) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00080005, "CS", "\\".repeat(terms - 1) + " ");
        for (int i = 0; i < n; i++) {
            b.explicitHeader(0x00110000 | (0x1000 + i), "SQ", 0);
        }
        return b.toByteArray();
    }

    static byte[] manyFragments(int n) {
        DicomBytes b = DicomBytes.part10(DicomBytes.JPEG_LS_LOSSLESS);
        b.explicitUs(0x00280010, 1).explicitUs(0x00280011, 1);
        b.explicitHeader(0x7FE00010, "OB", DicomBytes.UNDEFINED);
        for (int i = 0; i < n; i++) {
            b.item(0);
        }
        b.sequenceDelimiter();
        return b.toByteArray();
    }

    static byte[] outOfOrderRepeats(int n) {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        for (int i = 0; i < n; i++) {
            b.explicitText((i & 1) == 0 ? 0x00100020 : 0x00100010, (i & 1) == 0 ? "LO" : "PN", "X");
        }
        return b.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // deflate bombs: preamble + meta (deflated TS) + a raw deflate stream that inflates to a huge data set

    static byte[] deflateZeros(int mib) {
        byte[] prefix = new DicomBytes().explicitText(0x00080060, "CS", "CT").toByteArray();
        return DicomBytes.part10(DicomBytes.DEFLATED).raw(DicomBytes.deflateBomb(prefix, mib)).toByteArray();
    }

    static byte[] deflateOneBigValue(long length, int mib) {
        byte[] prefix = new DicomBytes().explicitText(0x00080060, "CS", "CT").explicitHeader(0x00091010, "OB", length)
                .toByteArray();
        return DicomBytes.part10(DicomBytes.DEFLATED).raw(DicomBytes.deflateBomb(prefix, mib)).toByteArray();
    }

    /** n elements (0009,10xx) OB of 256 MiB each, all zeros, in one deflate stream. */
    static byte[] deflateManyBigValues(int n) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        byte[] buf = new byte[1 << 20];
        byte[] zeros = new byte[1 << 20];
        try {
            for (int k = 0; k < n; k++) {
                byte[] header = new DicomBytes().explicitHeader(0x00091010 + k, "OB", 256L << 20).toByteArray();
                d.setInput(header);
                o.write(buf, 0, d.deflate(buf, 0, buf.length, java.util.zip.Deflater.FULL_FLUSH));
                d.setInput(zeros);
                byte[] block = java.util.Arrays.copyOf(buf, d.deflate(buf, 0, buf.length, java.util.zip.Deflater.FULL_FLUSH));
                for (int i = 0; i < 256; i++) {
                    o.writeBytes(block);
                }
            }
            d.finish();
            o.write(buf, 0, d.deflate(buf));
        } finally {
            d.end();
        }
        return DicomBytes.part10(DicomBytes.DEFLATED).raw(o.toByteArray()).toByteArray();
    }

    /** n private OB values of {@code size} zero bytes each, in one deflate stream (compresses about 1000:1). */
    static byte[] deflateManySmallValues(int n, int size) {
        DicomBytes body = new DicomBytes().explicitText(0x00080060, "CS", "CT");
        byte[] zeros = new byte[size];
        for (int i = 0; i < n; i++) {
            body.explicit(((0x0011 + 2 * (i >>> 12)) << 16) | (0x1000 + (i & 0xFFF)), "OB", zeros);
        }
        return DicomBytes.part10(DicomBytes.DEFLATED).raw(DicomBytes.deflate(body.toByteArray())).toByteArray();
    }

    static byte[] delimiterPattern() {
        DicomBytes b = new DicomBytes();
        for (int i = 0; i < (1 << 20) / 8; i++) {
            b.itemDelimiter();
        }
        return b.toByteArray();
    }

    /** A data set starting with (0008,0060) followed by {@code times} copies of a 1 MiB chunk, deflated. */
    static byte[] deflateRepeated(byte[] chunk, int times) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        byte[] buf = new byte[4 << 20];
        try {
            d.setInput(new DicomBytes().explicitText(0x00080060, "CS", "CT").toByteArray());
            o.write(buf, 0, d.deflate(buf, 0, buf.length, java.util.zip.Deflater.FULL_FLUSH));
            d.setInput(chunk);
            byte[] block = java.util.Arrays.copyOf(buf, d.deflate(buf, 0, buf.length, java.util.zip.Deflater.FULL_FLUSH));
            for (int i = 0; i < times; i++) {
                o.writeBytes(block);
            }
            d.finish();
            o.write(buf, 0, d.deflate(buf));
        } finally {
            d.end();
        }
        return DicomBytes.part10(DicomBytes.DEFLATED).raw(o.toByteArray()).toByteArray();
    }
}
