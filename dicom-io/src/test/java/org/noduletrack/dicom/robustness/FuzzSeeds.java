package org.noduletrack.dicom.robustness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small valid DICOM inputs (a few hundred bytes each) that seed {@link DicomReaderFuzzTest}: one per encoding and
 * structural feature the reader has a code path for, so the fuzzer starts from every branch rather than from scratch.
 *
 * <p>Regenerate the committed seed files (after changing this class) with
 * {@code FuzzSeeds.main(new String[] {"dicom-io/src/test/resources/org/noduletrack/dicom/robustness/DicomReaderFuzzTestInputs/parse"})};
 * {@link FuzzSeedsTest} checks that the committed files are exactly what this class generates and that they parse.
 */
final class FuzzSeeds {
    private FuzzSeeds() {}

    static final String DIRECTORY = "DicomReaderFuzzTestInputs/parse";

    static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("seed-explicit-le.dcm", image(DicomBytes.EXPLICIT_LE));
        m.put("seed-implicit-le.dcm", image(DicomBytes.IMPLICIT_LE));
        m.put("seed-explicit-be.dcm", image(DicomBytes.EXPLICIT_BE));
        m.put("seed-deflated.dcm", deflated());
        m.put("seed-encapsulated.dcm", encapsulated());
        m.put("seed-nested-undefined.dcm", nestedUndefined());
        m.put("seed-dicomdir.dcm", dicomdir());
        m.put("seed-bare-implicit.dcm", bareImplicit());
        m.put("seed-value-types.dcm", valueTypes());
        m.put("seed-no-preamble.dcm", noPreamble());
        return m;
    }

    /** A tiny 4x4 16-bit CT-like image, in the given (uncompressed) transfer syntax. */
    static byte[] image(String ts) {
        DicomBytes b = DicomBytes.part10(ts);
        boolean implicit = DicomBytes.IMPLICIT_LE.equals(ts);
        Writer w = new Writer(b, implicit);
        w.text(0x00080005, "CS", "ISO_IR 100");
        w.text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2");
        w.text(0x00080018, "UI", "1.2.3.4.5.6.7.8.9");
        w.text(0x00080060, "CS", "CT");
        w.text(0x00100010, "PN", "Doe^Jane");
        w.text(0x00180050, "DS", "2.5");
        w.text(0x00200013, "IS", "7");
        w.text(0x00200032, "DS", "-125.0\\-125.0\\10.5");
        // Referenced Series Sequence, defined length, one item
        byte[] item = new Writer(new DicomBytes().bigEndian(DicomBytes.EXPLICIT_BE.equals(ts)), implicit)
                .text(0x0020000E, "UI", "1.2.3.4.5").bytes();
        w.sequenceDefined(0x00081115, item);
        w.us(0x00280002, 1);
        w.text(0x00280004, "CS", "MONOCHROME2");
        w.us(0x00280010, 4);
        w.us(0x00280011, 4);
        w.us(0x00280100, 16);
        w.us(0x00280101, 12);
        w.us(0x00280102, 11);
        w.us(0x00280103, 0);
        w.text(0x00281052, "DS", "-1024");
        w.text(0x00281053, "DS", "1");
        byte[] pixels = new byte[32];
        for (int i = 0; i < 16; i++) {
            int v = i * 100;
            if (DicomBytes.EXPLICIT_BE.equals(ts)) {
                pixels[2 * i] = (byte) (v >>> 8);
                pixels[2 * i + 1] = (byte) v;
            } else {
                pixels[2 * i] = (byte) v;
                pixels[2 * i + 1] = (byte) (v >>> 8);
            }
        }
        w.binary(0x7FE00010, "OW", pixels);
        return b.toByteArray();
    }

    static byte[] deflated() {
        byte[] body = new DicomBytes().explicitText(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.88.11")
                .explicitText(0x00080018, "UI", "1.2.3.4.5.6.7.8.10").explicitText(0x00080060, "CS", "SR")
                .explicitText(0x00100010, "PN", "Doe^John")
                .explicitHeader(0x0040A730, "SQ", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED)
                .explicitText(0x0040A040, "CS", "TEXT").explicitText(0x0040A160, "UT", "Nodule 4 mm, right upper lobe.")
                .itemDelimiter().sequenceDelimiter()
                .toByteArray();
        return DicomBytes.part10(DicomBytes.DEFLATED).raw(DicomBytes.deflate(body)).toByteArray();
    }

    static byte[] encapsulated() {
        DicomBytes b = DicomBytes.part10(DicomBytes.JPEG_LS_LOSSLESS);
        b.explicitText(0x00080060, "CS", "CT");
        b.explicitText(0x00280008, "IS", "2");
        b.explicitUs(0x00280010, 2).explicitUs(0x00280011, 2).explicitUs(0x00280100, 16);
        b.explicitHeader(0x7FE00010, "OB", DicomBytes.UNDEFINED);
        b.item(8).u32(0).u32(16); // Basic Offset Table: two frames
        b.item(16).raw(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7, 0, 11, 16, 0, 2, 0, 2, 1, 1, 0x11, 0, 0});
        b.item(16).raw(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7, 0, 11, 16, 0, 2, 0, 2, 1, 1, 0x11, 0, 0});
        b.sequenceDelimiter();
        return b.toByteArray();
    }

    static byte[] nestedUndefined() {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00080060, "CS", "SR");
        b.explicitText(0x00090010, "LO", "NODULETRACK"); // private creator
        b.explicitHeader(0x0040A730, "SQ", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        b.explicitText(0x0040A040, "CS", "CONTAINER");
        b.explicitHeader(0x0040A730, "SQ", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        b.explicitText(0x0040A040, "CS", "NUM");
        b.explicitHeader(0x0040A300, "SQ", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        b.explicit(0x0040A30A, "DS", DicomBytes.text("4.2"));
        b.itemDelimiter().sequenceDelimiter();
        b.itemDelimiter().sequenceDelimiter();
        b.itemDelimiter().sequenceDelimiter();
        // private UN sequence of undefined length: implicit VR LE inside
        b.explicitHeader(0x00091010, "UN", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        b.implicit(0x00100020, DicomBytes.text("ID42"));
        b.itemDelimiter().sequenceDelimiter();
        return b.toByteArray();
    }

    static byte[] dicomdir() {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00041130, "CS", "NODULETRACK");
        b.explicit(0x00041200, "UL", new byte[] {0, 0, 0, 0});
        b.explicit(0x00041202, "UL", new byte[] {0, 0, 0, 0});
        b.explicitUs(0x00041212, 0);
        DicomBytes patient = new DicomBytes();
        patient.explicit(0x00041400, "UL", new byte[4]).explicitUs(0x00041410, 0xFFFF).explicit(0x00041420, "UL", new byte[4])
                .explicitText(0x00041430, "CS", "PATIENT").explicitText(0x00100010, "PN", "Doe^Jane")
                .explicitText(0x00100020, "LO", "P1");
        DicomBytes image = new DicomBytes();
        image.explicit(0x00041400, "UL", new byte[4]).explicitUs(0x00041410, 0xFFFF).explicit(0x00041420, "UL", new byte[4])
                .explicitText(0x00041430, "CS", "IMAGE").explicitText(0x00041500, "CS", "IMAGES\\IM1")
                .explicitText(0x00041511, "UI", "1.2.3.4.5.6.7.8.9");
        byte[] p = patient.toByteArray();
        byte[] i = image.toByteArray();
        b.explicitHeader(0x00041220, "SQ", 16L + p.length + i.length).item(p.length).raw(p).item(i.length).raw(i);
        return b.toByteArray();
    }

    static byte[] bareImplicit() {
        DicomBytes b = new DicomBytes();
        b.implicit(0x00080016, DicomBytes.uid("1.2.840.10008.5.1.4.1.1.2"));
        b.implicit(0x00080018, DicomBytes.uid("1.2.3.4.5.6.7.8.11"));
        b.implicit(0x00080060, DicomBytes.text("CT"));
        b.implicit(0x00100010, DicomBytes.text("Doe^Jim"));
        b.implicitHeader(0x00081115, DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED)
                .implicit(0x0020000E, DicomBytes.uid("1.2.3.4.6")).itemDelimiter().sequenceDelimiter();
        b.implicit(0x00280010, new byte[] {1, 0});
        return b.toByteArray();
    }

    static byte[] valueTypes() {
        DicomBytes b = DicomBytes.part10(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00080005, "CS", "ISO_IR 192");
        b.explicitText(0x00080060, "CS", "CT");
        byte[] utf8 = "Müller^Zoë=ミュラー ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        b.explicit(0x00100010, "PN", java.util.Arrays.copyOf(utf8, utf8.length + (utf8.length & 1)));
        b.explicitText(0x00181030, "LO", "Thorax\\Low dose");
        b.explicitText(0x00200037, "DS", "1\\0\\0\\0\\1\\0");
        b.explicitText(0x00201041, "DS", "1e3");
        b.explicitText(0x00200012, "IS", "+12\\-3");
        b.explicit(0x00209165, "AT", new byte[] {0x20, 0x00, 0x32, 0x00});
        b.explicit(0x00186028, "FD", new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F});
        b.explicit(0x00189327, "FD", new byte[] {0, 0, 0, 0, 0, 0, 0, 0x40});
        b.explicit(0x00189151, "FL", new byte[] {0, 0, (byte) 0x80, 0x3F});
        b.explicit(0x00280106, "SS", new byte[] {(byte) 0xFF, (byte) 0xFF});
        b.explicit(0x00080301, "US", new byte[] {1, 0});
        b.explicit(0x00720078, "UL", new byte[] {1, 0, 0, 0});
        b.explicit(0x00089459, "SV", new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        b.explicit(0x00660040, "OL", new byte[] {1, 0, 0, 0});
        b.explicit(0x00402017, "LO", DicomBytes.text("odd"));
        b.explicit(0x7FE00008, "OF", new byte[] {0, 0, (byte) 0x80, 0x3F});
        b.explicit(0xFFFCFFFC, "OB", new byte[4]); // Data Set Trailing Padding
        return b.toByteArray();
    }

    static byte[] noPreamble() {
        DicomBytes b = new DicomBytes();
        b.raw("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).meta(DicomBytes.EXPLICIT_LE);
        b.explicitText(0x00080060, "CS", "MR");
        b.explicit(0x00100010, "PN", new byte[] {'A', '^', 'B'}); // odd length
        b.raw(new byte[6]); // trailing zero padding
        return b.toByteArray();
    }

    /** Writes elements in explicit or implicit VR (the transfer syntax's byte order is the DicomBytes' own). */
    private static final class Writer {
        final DicomBytes b;
        final boolean implicit;

        Writer(DicomBytes b, boolean implicit) {
            this.b = b;
            this.implicit = implicit;
        }

        Writer text(int tag, String vr, String value) {
            byte[] v = "UI".equals(vr) ? DicomBytes.uid(value) : DicomBytes.text(value);
            return binary(tag, vr, v);
        }

        Writer us(int tag, int value) {
            DicomBytes v = new DicomBytes().bigEndian(b.isBigEndian()).u16(value);
            return binary(tag, "US", v.toByteArray());
        }

        Writer binary(int tag, String vr, byte[] value) {
            if (implicit) {
                b.implicit(tag, value);
            } else {
                b.explicit(tag, vr, value);
            }
            return this;
        }

        Writer sequenceDefined(int tag, byte[] item) {
            if (implicit) {
                b.implicitHeader(tag, item.length + 8L);
            } else {
                b.explicitHeader(tag, "SQ", item.length + 8L);
            }
            b.item(item.length).raw(item);
            return this;
        }

        byte[] bytes() { return b.toByteArray(); }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0]
                : "dicom-io/src/test/resources/org/noduletrack/dicom/robustness/" + DIRECTORY);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : all().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
            System.out.println(dir.resolve(e.getKey()) + " " + e.getValue().length + " bytes");
        }
    }
}
