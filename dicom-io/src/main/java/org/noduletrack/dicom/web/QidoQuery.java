package org.noduletrack.dicom.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * QIDO-RS query parameters (PS3.18 8.3.4): matching keys by keyword ({@code PatientID}, {@code PatientName},
 * {@code ModalitiesInStudy}, {@code StudyDate} as {@code 20200101-20201231}...) with DICOM wildcard {@code *}/{@code ?},
 * paging and fuzzy person-name matching (servers that do not support it match literally).
 */
public record QidoQuery(Map<String, String> keys, OptionalInt limit, OptionalInt offset, boolean fuzzyMatching,
                        List<String> includeFields) {
    public QidoQuery {
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        includeFields = List.copyOf(includeFields);
        if (limit.isPresent() && limit.getAsInt() < 1 || offset.isPresent() && offset.getAsInt() < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
    }

    public static QidoQuery all() {
        return new QidoQuery(Map.of(), OptionalInt.empty(), OptionalInt.empty(), false, List.of());
    }

    /** Adds (or, with an empty value, drops) a matching key. */
    public QidoQuery with(String keyword, String value) {
        Map<String, String> k = new LinkedHashMap<>(keys);
        if (value == null || value.isEmpty()) {
            k.remove(keyword);
        } else {
            k.put(keyword, value);
        }
        return new QidoQuery(k, limit, offset, fuzzyMatching, includeFields);
    }

    public QidoQuery page(int limit, int offset) {
        return new QidoQuery(keys, OptionalInt.of(limit), OptionalInt.of(offset), fuzzyMatching, includeFields);
    }

    public QidoQuery fuzzy(boolean on) {
        return new QidoQuery(keys, limit, offset, on, includeFields);
    }

    public QidoQuery include(String... keywords) {
        List<String> f = new ArrayList<>(includeFields);
        f.addAll(List.of(keywords));
        return new QidoQuery(keys, limit, offset, fuzzyMatching, f);
    }

    /** The query string, without the leading '?'; empty when there is nothing to send. */
    public String toQueryString() {
        List<String> p = new ArrayList<>();
        keys.forEach((k, v) -> p.add(enc(k) + "=" + enc(v)));
        includeFields.forEach(f -> p.add("includefield=" + enc(f)));
        limit.ifPresent(l -> p.add("limit=" + l));
        offset.ifPresent(o -> p.add("offset=" + o));
        if (fuzzyMatching) {
            p.add("fuzzymatching=true");
        }
        return String.join("&", p);
    }

    private static String enc(String s) {
        // '*' is DICOM's wildcard and must reach the server as is; spaces as %20, not '+'
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2A", "*");
    }
}
