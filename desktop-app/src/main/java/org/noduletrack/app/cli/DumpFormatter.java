package org.noduletrack.app.cli;

import java.io.PrintWriter;
import org.noduletrack.dicom.data.BulkDataElement;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.ValueElement;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.ElementDictionary;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.ParseIssue;

/** dcmdump-like text: one element a line, nested items indented, values truncated to a readable width. */
final class DumpFormatter {
    private static final int MAX_VALUE_CHARS = 64;
    private final PrintWriter out;
    private final ElementDictionary dictionary = ElementDictionary.standard();

    DumpFormatter(PrintWriter out) {
        this.out = out;
    }

    void print(DicomFile f, boolean meta) {
        out.println("# Transfer syntax: " + f.transferSyntax().uid());
        if (meta && !f.fileMeta().isEmpty()) {
            out.println("# File Meta Information");
            print(f.fileMeta(), 0);
            out.println("# Data set");
        }
        print(f.dataset(), 0);
        for (ParseIssue issue : f.issues()) {
            out.println("# warning: " + issue);
        }
    }

    private void print(DicomDataset ds, int depth) {
        String indent = "  ".repeat(depth);
        for (DicomElement e : ds.elements()) {
            String name = dictionary.keyword(e.tag());
            if (name.isEmpty()) {
                name = TagFormat.isPrivateCreator(e.tag()) ? "PrivateCreator" : TagFormat.isPrivate(e.tag()) ? "PrivateTag" : "Unknown";
            }
            switch (e) {
                case SequenceElement s -> {
                    out.printf("%s%s %s (Sequence, %d item%s)  # %s%n", indent, TagFormat.toString(e.tag()), e.vr(),
                            s.items().size(), s.items().size() == 1 ? "" : "s", name);
                    for (int i = 0; i < s.items().size(); i++) {
                        out.printf("%s  (FFFE,E000) Item #%d%n", indent, i + 1);
                        print(s.items().get(i), depth + 2);
                    }
                }
                case FragmentsElement fr -> out.printf("%s%s %s (PixelSequence, %d fragment%s, offset table %d bytes)  # %s%n",
                        indent, TagFormat.toString(e.tag()), e.vr(), fr.fragments().size(), fr.fragments().size() == 1 ? "" : "s",
                        fr.basicOffsetTable().length(), name);
                case BulkDataElement b -> out.printf("%s%s %s (%d bytes at offset %d, not loaded)  # %s%n", indent,
                        TagFormat.toString(e.tag()), e.vr(), b.ref().length(), b.ref().offset(), name);
                case ValueElement v -> out.printf("%s%s %s %s  # %d, %s%n", indent, TagFormat.toString(e.tag()), e.vr(),
                        render(ds, v), v.length(), name);
            }
        }
    }

    private static String render(DicomDataset ds, ValueElement v) {
        Vr vr = v.vr();
        String s = switch (vr) {
            case US, SS, UL, SL, SV, UV -> join(ds.ints(v.tag()));
            case FL, FD, OF, OD -> join(ds.doubles(v.tag()));
            case AT -> {
                StringBuilder sb = new StringBuilder();
                for (int t : ds.ints(v.tag())) {
                    sb.append(sb.isEmpty() ? "" : "\\").append(TagFormat.toString(t));
                }
                yield sb.toString();
            }
            case OB, OW, OL, OV, UN -> hex(v.bytes(), vr == Vr.OW ? 2 : 1);
            default -> "[" + ds.text(v.tag()).orElse("") + "]";
        };
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "..." : s;
    }

    private static String join(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length && sb.length() <= MAX_VALUE_CHARS; i++) {
            sb.append(i > 0 ? "\\" : "").append(v[i]);
        }
        return sb.toString();
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length && sb.length() <= MAX_VALUE_CHARS; i++) {
            sb.append(i > 0 ? "\\" : "").append(v[i]);
        }
        return sb.toString();
    }

    private static String hex(byte[] b, int unit) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + unit <= b.length && sb.length() <= MAX_VALUE_CHARS; i += unit) {
            sb.append(i > 0 ? "\\" : "");
            if (unit == 2) {
                sb.append(String.format("%04x", (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8));
            } else {
                sb.append(String.format("%02x", b[i] & 0xFF));
            }
        }
        return sb.toString();
    }
}
