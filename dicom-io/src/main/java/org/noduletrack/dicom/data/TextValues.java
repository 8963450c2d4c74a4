package org.noduletrack.dicom.data;

import java.util.ArrayList;
import java.util.List;

/** Splitting, trimming and number parsing for text VRs (PS3.5 6.2). */
final class TextValues {
    private TextValues() {}

    /** VRs whose bytes are interpreted with (0008,0005); the others use the default repertoire only. */
    static boolean usesSpecificCharacterSet(Vr vr) {
        return switch (vr) {
            case SH, LO, ST, LT, PN, UC, UT -> true;
            default -> false;
        };
    }

    static String[] split(String text, Vr vr) {
        if (text.isEmpty()) {
            return new String[0];
        }
        if (!vr.isMultiValuedText()) {
            return new String[] {trimTrailing(text)};
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\\') {
                out.add(trimValue(text.substring(start, i), vr));
                start = i + 1;
            }
        }
        return out.toArray(String[]::new);
    }

    private static String trimValue(String s, Vr vr) {
        // Leading spaces are significant only in the free-text VRs, which are never multi-valued.
        return vr == Vr.UI ? trimTrailing(s).strip() : s.strip();
    }

    static String trimTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        return s.substring(0, end);
    }

    static int[] parseInts(String[] values) {
        int[] out = new int[values.length];
        int n = 0;
        for (String v : values) {
            try {
                out[n++] = (int) Math.round(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                n--; // malformed numbers are skipped; validation reports them
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static double[] parseDoubles(String[] values) {
        double[] out = new double[values.length];
        int n = 0;
        for (String v : values) {
            try {
                out[n++] = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                n--;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
