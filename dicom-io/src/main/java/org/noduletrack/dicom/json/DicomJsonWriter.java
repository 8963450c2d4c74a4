package org.noduletrack.dicom.json;

import java.io.IOException;
import java.util.Base64;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.ValueElement;
import org.noduletrack.dicom.data.Vr;

/**
 * The DICOM JSON Model (PS3.18 F.2). Bulk data (pixel data, large binary values) is omitted: such attributes carry
 * only their VR, as F.2.5 allows when no BulkDataURI is offered.
 */
public final class DicomJsonWriter {
    /** Binary values up to this size are written as InlineBinary; larger ones are bulk data. */
    private final int inlineBinaryLimit;

    public DicomJsonWriter(int inlineBinaryLimit) {
        this.inlineBinaryLimit = inlineBinaryLimit;
    }

    public DicomJsonWriter() { this(1024); }

    public String toJson(DicomDataset ds) {
        StringBuilder sb = new StringBuilder(4096);
        try {
            write(ds, sb);
        } catch (IOException e) {
            throw new AssertionError(e); // StringBuilder does not throw
        }
        return sb.toString();
    }

    public void write(DicomDataset ds, Appendable out) throws IOException {
        out.append('{');
        boolean first = true;
        for (DicomElement e : ds.elements()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(String.format("%08X", e.tag())).append("\":{\"vr\":\"").append(e.vr().name()).append('"');
            writeValue(ds, e, out);
            out.append('}');
        }
        out.append('}');
    }

    private void writeValue(DicomDataset ds, DicomElement e, Appendable out) throws IOException {
        Vr vr = e.vr();
        if (e instanceof SequenceElement s) {
            if (!s.items().isEmpty()) {
                out.append(",\"Value\":[");
                for (int i = 0; i < s.items().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(s.items().get(i), out);
                }
                out.append(']');
            }
            return;
        }
        if (!(e instanceof ValueElement v) || v.length() == 0) {
            return; // empty, or bulk data omitted
        }
        switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> {
                if (v.length() <= inlineBinaryLimit) {
                    out.append(",\"InlineBinary\":\"").append(Base64.getEncoder().encodeToString(v.bytes())).append('"');
                }
            }
            case PN -> writePersonNames(ds.strings(e.tag()), out);
            case AT -> {
                int[] tags = ds.ints(e.tag());
                out.append(",\"Value\":[");
                for (int i = 0; i < tags.length; i++) {
                    out.append(i > 0 ? "," : "").append('"').append(String.format("%08X", tags[i])).append('"');
                }
                out.append(']');
            }
            case US, SS, UL, SL, SV, UV -> writeNumbers(ds, e.tag(), true, out);
            case FL, FD -> writeNumbers(ds, e.tag(), false, out);
            case IS, DS -> writeNumberStrings(ds.strings(e.tag()), out);
            default -> writeStrings(ds.strings(e.tag()), out);
        }
    }

    private static void writeNumbers(DicomDataset ds, int tag, boolean integral, Appendable out) throws IOException {
        out.append(",\"Value\":[");
        if (integral) {
            long[] values = ds.longs(tag);
            for (int i = 0; i < values.length; i++) {
                out.append(i > 0 ? "," : "").append(Long.toString(values[i]));
            }
        } else {
            double[] values = ds.doubles(tag);
            for (int i = 0; i < values.length; i++) {
                out.append(i > 0 ? "," : "").append(Double.isFinite(values[i]) ? Double.toString(values[i]) : "null");
            }
        }
        out.append(']');
    }

    /** IS and DS are JSON numbers (F.2.3.1); a value that is not a valid number is kept as a string rather than lost. */
    private static void writeNumberStrings(String[] values, Appendable out) throws IOException {
        out.append(",\"Value\":[");
        for (int i = 0; i < values.length; i++) {
            out.append(i > 0 ? "," : "");
            String s = values[i];
            if (s.isEmpty()) {
                out.append("null");
            } else if (canonicalNumber(s) != null) {
                out.append(canonicalNumber(s));
            } else {
                quote(s, out);
            }
        }
        out.append(']');
    }

    /** JSON numbers forbid '+', leading zeros and bare dots, all legal in DS/IS: BigDecimal gives a valid form. */
    private static String canonicalNumber(String s) {
        try {
            return new java.math.BigDecimal(s).toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void writeStrings(String[] values, Appendable out) throws IOException {
        if (values.length == 0) {
            return;
        }
        out.append(",\"Value\":[");
        for (int i = 0; i < values.length; i++) {
            out.append(i > 0 ? "," : "");
            if (values[i].isEmpty()) {
                out.append("null");
            } else {
                quote(values[i], out);
            }
        }
        out.append(']');
    }

    private static void writePersonNames(String[] values, Appendable out) throws IOException {
        out.append(",\"Value\":[");
        String[] groups = {"Alphabetic", "Ideographic", "Phonetic"};
        for (int i = 0; i < values.length; i++) {
            out.append(i > 0 ? "," : "").append('{');
            String[] parts = values[i].split("=", -1);
            boolean first = true;
            for (int g = 0; g < Math.min(3, parts.length); g++) {
                if (parts[g].isEmpty()) {
                    continue;
                }
                out.append(first ? "" : ",").append('"').append(groups[g]).append("\":");
                quote(parts[g], out);
                first = false;
            }
            out.append('}');
        }
        out.append(']');
    }

    static void quote(String s, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
