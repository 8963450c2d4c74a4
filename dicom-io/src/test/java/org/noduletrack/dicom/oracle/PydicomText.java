package org.noduletrack.dicom.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.Vr;

/**
 * What the oracle tests share: our elements flattened to the paths {@code pydicom_oracle.py} prints, and the comparison
 * of a text value with pydicom's.
 */
final class PydicomText {
    private PydicomText() {}

    /** One of our elements, with the data set it sits in (text is decoded with that data set's character set). */
    record Ours(DicomElement element, DicomDataset owner) {}

    /** Every element of {@code ds}, recursively, keyed "TAG" or "SEQTAG/INDEX/TAG..." (tags as 8 upper-case hex digits). */
    static void flatten(DicomDataset ds, String prefix, Map<String, Ours> out) {
        for (DicomElement e : ds.elements()) {
            String path = prefix + String.format("%08X", e.tag());
            out.put(path, new Ours(e, ds));
            if (e instanceof SequenceElement s) {
                for (int i = 0; i < s.items().size(); i++) {
                    flatten(s.items().get(i), path + "/" + i + "/", out);
                }
            }
        }
    }

    /**
     * Compares our decoded text of {@code tag} in {@code ds} with pydicom's record {@code r} (its "s" field: the values
     * split on backslash, untrimmed). Our side is the public API as is: {@code strings(tag)} for the multi-valued VRs,
     * {@code text(tag)} for LT, ST, UT and UR. Pydicom's side loses only the padding PS3.5 6.2 makes insignificant:
     * trailing spaces and NULs, and for the multi-valued VRs also leading spaces of each value. For PN our side drops
     * trailing empty component groups ("Wang^XiaoDong=王^小東=" becomes "Wang^XiaoDong=王^小東"), as pydicom's
     * PersonName always does (pydicom.valuerep._decode_personname); PS3.5 6.2.1 makes them insignificant.
     *
     * @return null when equal, else a description of the difference
     */
    static String compare(DicomDataset ds, int tag, Vr vr, Map<String, Object> r) {
        if (!(r.get("s") instanceof List<?> raw)) {
            return "pydicom gave no text: " + r;
        }
        List<String> theirs = raw.stream().map(String.class::cast).toList();
        List<String> expected = new ArrayList<>();
        List<String> actual;
        if (vr.isMultiValuedText()) {
            for (String s : theirs) {
                expected.add(stripLeadingSpaces(trimTrailingPadding(s)));
            }
            actual = vr == Vr.PN ? Stream.of(ds.strings(tag)).map(PydicomText::dropEmptyTrailingGroups).toList()
                    : List.of(ds.strings(tag));
        } else {
            expected.add(theirs.isEmpty() ? "" : trimTrailingPadding(String.join("\\", theirs)));
            actual = List.of(ds.text(tag).orElse(""));
        }
        return actual.equals(expected) ? null : "text " + quote(actual) + ", pydicom " + quote(expected)
                + " (pydicom before trimming " + quote(theirs) + ")";
    }

    /** Trailing spaces and NULs (PS3.5 6.2: padding; NUL is the UI padding, some writers use it elsewhere). */
    static String trimTrailingPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String dropEmptyTrailingGroups(String pn) {
        int end = pn.length();
        while (end > 0 && pn.charAt(end - 1) == '=') {
            end--;
        }
        return pn.substring(0, end);
    }

    private static String stripLeadingSpaces(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start);
    }

    /** Values quoted, with everything outside printable ASCII as a Java escape, so that invisible differences show. */
    static String quote(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (String v : values) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"');
            v.chars().forEach(c -> b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
            b.append('"');
        }
        return b.append(']').toString();
    }
}
