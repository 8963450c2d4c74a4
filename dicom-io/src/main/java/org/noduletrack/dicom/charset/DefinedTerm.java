package org.noduletrack.dicom.charset;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 Tables C.12-2 to C.12-5, and the code
 * elements each one brings. Terms of Table C.12-5 (UTF-8, GB18030, GBK) bring a whole encoding instead.
 */
enum DefinedTerm {
    // Table C.12-2: single-byte, no code extensions. "ISO_IR 6" is not a Defined Term (the default is an
    // absent value) but so many writers emit it that flagging it as unknown would only be noise.
    ISO_IR_6("ISO_IR 6", CodeElement.IR_6, null),
    ISO_IR_100("ISO_IR 100", CodeElement.IR_6, CodeElement.IR_100),
    ISO_IR_101("ISO_IR 101", CodeElement.IR_6, CodeElement.IR_101),
    ISO_IR_109("ISO_IR 109", CodeElement.IR_6, CodeElement.IR_109),
    ISO_IR_110("ISO_IR 110", CodeElement.IR_6, CodeElement.IR_110),
    ISO_IR_144("ISO_IR 144", CodeElement.IR_6, CodeElement.IR_144),
    ISO_IR_127("ISO_IR 127", CodeElement.IR_6, CodeElement.IR_127),
    ISO_IR_126("ISO_IR 126", CodeElement.IR_6, CodeElement.IR_126),
    ISO_IR_138("ISO_IR 138", CodeElement.IR_6, CodeElement.IR_138),
    ISO_IR_148("ISO_IR 148", CodeElement.IR_6, CodeElement.IR_148),
    ISO_IR_203("ISO_IR 203", CodeElement.IR_6, CodeElement.IR_203),
    ISO_IR_13("ISO_IR 13", CodeElement.IR_14, CodeElement.IR_13),
    ISO_IR_166("ISO_IR 166", CodeElement.IR_6, CodeElement.IR_166),
    // Table C.12-3: single-byte with code extensions.
    ISO_2022_IR_6("ISO 2022 IR 6", CodeElement.IR_6, null),
    ISO_2022_IR_100("ISO 2022 IR 100", CodeElement.IR_6, CodeElement.IR_100),
    ISO_2022_IR_101("ISO 2022 IR 101", CodeElement.IR_6, CodeElement.IR_101),
    ISO_2022_IR_109("ISO 2022 IR 109", CodeElement.IR_6, CodeElement.IR_109),
    ISO_2022_IR_110("ISO 2022 IR 110", CodeElement.IR_6, CodeElement.IR_110),
    ISO_2022_IR_144("ISO 2022 IR 144", CodeElement.IR_6, CodeElement.IR_144),
    ISO_2022_IR_127("ISO 2022 IR 127", CodeElement.IR_6, CodeElement.IR_127),
    ISO_2022_IR_126("ISO 2022 IR 126", CodeElement.IR_6, CodeElement.IR_126),
    ISO_2022_IR_138("ISO 2022 IR 138", CodeElement.IR_6, CodeElement.IR_138),
    ISO_2022_IR_148("ISO 2022 IR 148", CodeElement.IR_6, CodeElement.IR_148),
    ISO_2022_IR_203("ISO 2022 IR 203", CodeElement.IR_6, CodeElement.IR_203),
    ISO_2022_IR_13("ISO 2022 IR 13", CodeElement.IR_14, CodeElement.IR_13),
    ISO_2022_IR_166("ISO 2022 IR 166", CodeElement.IR_6, CodeElement.IR_166),
    // Table C.12-4: multi-byte with code extensions (meant for values 2..n).
    ISO_2022_IR_87("ISO 2022 IR 87", CodeElement.IR_87, null),
    ISO_2022_IR_159("ISO 2022 IR 159", CodeElement.IR_159, null),
    ISO_2022_IR_149("ISO 2022 IR 149", null, CodeElement.IR_149),
    ISO_2022_IR_58("ISO 2022 IR 58", null, CodeElement.IR_58),
    // Table C.12-5: multi-byte without code extensions; they exclude every other value.
    ISO_IR_192("ISO_IR 192", "UTF-8"),
    GB18030("GB18030", "GB18030"),
    GBK("GBK", "GBK");

    /** Misspellings seen in the wild, keyed like {@link #key(String)}; the term they were meant to be. */
    private static final Map<String, DefinedTerm> ALIASES = Map.ofEntries(
            Map.entry("UTF8", ISO_IR_192),
            Map.entry("ISO88591", ISO_IR_100),
            Map.entry("LATIN1", ISO_IR_100),
            Map.entry("ISO88592", ISO_IR_101),
            Map.entry("ISO88593", ISO_IR_109),
            Map.entry("ISO88594", ISO_IR_110),
            Map.entry("ISO88595", ISO_IR_144),
            Map.entry("ISO88596", ISO_IR_127),
            Map.entry("ISO88597", ISO_IR_126),
            Map.entry("ISO88598", ISO_IR_138),
            Map.entry("ISO88599", ISO_IR_148),
            Map.entry("ISO885915", ISO_IR_203),
            Map.entry("TIS620", ISO_IR_166),
            Map.entry("ASCII", ISO_IR_6),
            Map.entry("USASCII", ISO_IR_6),
            // Non-standard spellings for GB 2312 / GBK that other toolkits (pydicom) also accept.
            Map.entry("ISO202258", ISO_2022_IR_58),
            Map.entry("ISO2022GBK", GBK));

    private static final Map<String, DefinedTerm> BY_TERM;
    private static final Map<String, DefinedTerm> BY_KEY;

    static {
        Map<String, DefinedTerm> byTerm = new HashMap<>();
        Map<String, DefinedTerm> byKey = new HashMap<>(ALIASES);
        for (DefinedTerm term : values()) {
            byTerm.put(term.term, term);
            byKey.put(key(term.term), term);
        }
        BY_TERM = Map.copyOf(byTerm);
        BY_KEY = Map.copyOf(byKey);
    }

    private final String term;
    private final CodeElement g0;
    private final CodeElement g1;
    private final String standaloneCharset;

    DefinedTerm(String term, CodeElement g0, CodeElement g1) {
        this.term = term;
        this.g0 = g0;
        this.g1 = g1;
        this.standaloneCharset = null;
    }

    DefinedTerm(String term, String standaloneCharset) {
        this.term = term;
        this.g0 = null;
        this.g1 = null;
        this.standaloneCharset = standaloneCharset;
    }

    /** The exact Defined Term for a value (already trimmed), if it is one. */
    static Optional<DefinedTerm> exact(String value) {
        return Optional.ofNullable(BY_TERM.get(value));
    }

    /**
     * The Defined Term a value most likely means: exact, or ignoring case, spaces, '_' and '-'
     * ("ISO-IR 100", "ISO_IR100", "iso 2022 ir 87"), or a common charset name ("UTF-8", "ISO-8859-1").
     */
    static Optional<DefinedTerm> lenient(String value) {
        DefinedTerm exact = BY_TERM.get(value);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(BY_KEY.get(key(value)));
    }

    private static String key(String value) {
        return value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    String term() { return term; }

    /** The G0 set this term designates, or null (a G1-only multi-byte term). */
    CodeElement g0() { return g0; }

    /** The G1 set this term designates, or null. */
    CodeElement g1() { return g1; }

    /** True for UTF-8, GB18030 and GBK, which are whole encodings that forbid code extensions. */
    boolean isStandalone() { return standaloneCharset != null; }

    /** JDK name of the encoding of a stand-alone term; null otherwise. */
    String standaloneCharset() { return standaloneCharset; }
}
