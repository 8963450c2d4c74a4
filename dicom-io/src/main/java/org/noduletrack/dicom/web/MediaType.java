package org.noduletrack.dicom.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Content-Type (RFC 9110 8.3): lower-case type/subtype and parameters with lower-case names; quoted values are
 * unquoted (backslash escapes honoured), so {@code boundary="a b"} and {@code boundary=ab} both work.
 */
public record MediaType(String type, Map<String, String> parameters) {
    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    public static MediaType parse(String header) {
        int semi = header.indexOf(';');
        String type = (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi < 0 ? header.length() : semi + 1;
        while (i < header.length()) {
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < header.length() && header.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < header.length() && header.charAt(i) == '"') {
                i++;
                while (i < header.length() && header.charAt(i) != '"') {
                    char c = header.charAt(i++);
                    if (c == '\\' && i < header.length()) {
                        c = header.charAt(i++);
                    }
                    value.append(c);
                }
                i++; // closing quote
                int next = header.indexOf(';', i);
                i = next < 0 ? header.length() : next + 1;
            } else {
                int next = header.indexOf(';', i);
                int end = next < 0 ? header.length() : next;
                value.append(header, i, end);
                i = end + 1;
            }
            if (!name.isEmpty()) {
                params.put(name, value.toString().strip());
            }
        }
        return new MediaType(type, params);
    }
}
