package org.noduletrack.dicom.dict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the generated tab-separated dictionary resources: '#' lines are comments, fields may be empty. */
final class TsvResource {
    private TsvResource() {}

    /**
     * The fields of each data line of resource {@code name} (relative to this package).
     *
     * <p>Reads the whole file at once and splits with {@code indexOf}: at start-up this code runs
     * interpreted, where a Reader's per-character work costs several times more.
     *
     * @throws IllegalStateException if the resource is missing or a line does not have {@code columns} fields;
     *         the resources ship inside the jar, so either means a broken build
     */
    static List<String[]> read(String name, int columns) {
        String text = readText(name);
        List<String[]> rows = new ArrayList<>(text.length() / 64);
        int lineNumber = 0;
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int next = end + 1;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--; // a checkout with CRLF line endings (git autocrlf) must read the same
            }
            lineNumber++;
            if (end > start && text.charAt(start) != '#') {
                String[] fields = split(text, start, end, columns);
                if (fields == null) {
                    throw new IllegalStateException(name + ":" + lineNumber + ": expected " + columns + " fields");
                }
                rows.add(fields);
            }
            start = next;
        }
        return rows;
    }

    private static String readText(String name) {
        try (InputStream in = TsvResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dictionary resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dictionary resource " + name, e);
        }
    }

    /** Splits text[start, end) on tabs, keeping empty fields; null if the count is wrong. */
    private static String[] split(String text, int start, int end, int columns) {
        String[] fields = new String[columns];
        int from = start;
        for (int i = 0; i < columns - 1; i++) {
            int tab = text.indexOf('\t', from);
            if (tab < 0 || tab >= end) {
                return null;
            }
            fields[i] = text.substring(from, tab);
            from = tab + 1;
        }
        int extra = text.indexOf('\t', from);
        if (extra >= 0 && extra < end) {
            return null;
        }
        fields[columns - 1] = text.substring(from, end);
        return fields;
    }
}
