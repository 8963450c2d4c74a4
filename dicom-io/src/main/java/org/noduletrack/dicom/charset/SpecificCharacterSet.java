package org.noduletrack.dicom.charset;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Placeholder (ASCII/Latin-1 only); the full ISO 2022 implementation replaces it. */
public final class SpecificCharacterSet {
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());
    private final List<String> terms;
    private SpecificCharacterSet(List<String> terms) { this.terms = terms; }
    public static SpecificCharacterSet of(String... definedTerms) {
        return definedTerms == null || definedTerms.length == 0 ? DEFAULT : new SpecificCharacterSet(List.of(definedTerms));
    }
    public String decode(byte[] value, boolean personName) {
        boolean utf8 = terms.contains("ISO_IR 192");
        return new String(value, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
    public byte[] encode(String text, boolean personName) {
        return text.getBytes(terms.contains("ISO_IR 192") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
    public boolean canEncode(String text) { return true; }
    public List<String> terms() { return terms; }
    public List<String> unknownTerms() { return List.of(); }
}
