package org.noduletrack.dicom.charset;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Text under ISO 2022 code extension as DICOM restricts it (PS3.5 6.1.2.5): G0 in GL, G1 in GR, both always
 * invoked, switched only by designating escape sequences, and back to the initial designation (from value 1)
 * at every line, value, control character and - for PN - name component.
 *
 * <p>Single-valued single-byte sets such as "ISO_IR 100" run through here too: they are the same machine
 * with an initial designation and nothing to switch to.
 */
final class Iso2022Codec implements TextCodec {

    private final CodeElement initialG0;
    private final CodeElement initialG1; // null: G1 undefined at the start (value 1 empty or ISO 2022 IR 6)
    private final CodeElement implicitG1;
    private final List<CodeElement> candidates;

    private Iso2022Codec(CodeElement initialG0, CodeElement initialG1, CodeElement implicitG1,
                         List<CodeElement> candidates) {
        this.initialG0 = Objects.requireNonNull(initialG0);
        this.initialG1 = initialG1;
        this.implicitG1 = Objects.requireNonNull(implicitG1);
        this.candidates = List.copyOf(candidates);
    }

    /**
     * The machine for the values of (0008,0005).
     *
     * @param firstValue the term of value 1, or null when it is empty or not understood (ASCII in G0, no G1)
     * @param others     the terms of values 2..n that were understood; stand-alone terms must not be among them
     */
    static Iso2022Codec of(DefinedTerm firstValue, List<DefinedTerm> others) {
        CodeElement g0 = CodeElement.IR_6;
        CodeElement g1 = null;
        // A multi-byte term in value 1 is not allowed (PS3.3 C.12.1.1.2), but it is common enough with
        // Korean data; it then only extends the default repertoire, like a value 2 would.
        if (firstValue != null && firstValue.g0() != null && !firstValue.g0().isDoubleByte()) {
            g0 = firstValue.g0();
        }
        if (firstValue != null && firstValue.g1() != null && !firstValue.g1().isDoubleByte()) {
            g1 = firstValue.g1();
        }
        Set<CodeElement> sets = new LinkedHashSet<>();
        sets.add(g0);
        if (g1 != null) {
            sets.add(g1);
        }
        if (firstValue != null) {
            addSets(sets, firstValue);
        }
        others.forEach(term -> addSets(sets, term));
        return new Iso2022Codec(g0, g1, implicitG1(g1, sets), List.copyOf(sets));
    }

    private static void addSets(Set<CodeElement> sets, DefinedTerm term) {
        if (term.g0() != null) {
            sets.add(term.g0());
        }
        if (term.g1() != null) {
            sets.add(term.g1());
        }
    }

    /**
     * What GR bytes mean while no G1 set is designated. Writers of Korean data often leave out ESC $ ) C
     * (PS3.5 I.3 even shows it once per line only), so the first declared G1 set is assumed; with none
     * declared, Latin-1 shows the most of a value that should not have had such bytes at all.
     */
    private static CodeElement implicitG1(CodeElement initialG1, Set<CodeElement> sets) {
        if (initialG1 != null) {
            return initialG1;
        }
        return sets.stream()
                .filter(set -> set.register() == CodeElement.Register.G1)
                .findFirst()
                .orElse(CodeElement.IR_100);
    }

    CodeElement initialG0() { return initialG0; }

    /** The G1 set designated at the start of each value, line and component; null if none. */
    CodeElement initialG1() { return initialG1; }

    /** The set that decodes GR bytes while G1 is undefined. */
    CodeElement implicitG1() { return implicitG1; }

    /** The sets an encoder may designate, the initial ones first, then in the order of (0008,0005). */
    List<CodeElement> candidates() { return candidates; }

    @Override
    public String decode(byte[] value, boolean personName) {
        return new Iso2022Decoder(this, value, personName).decode();
    }

    @Override
    public Encoded encode(String text, boolean personName) {
        return new Iso2022Encoder(this, personName).encode(text);
    }
}
