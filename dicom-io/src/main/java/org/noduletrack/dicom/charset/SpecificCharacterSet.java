package org.noduletrack.dicom.charset;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The character repertoire of a data set, from the values of Specific Character Set (0008,0005)
 * (PS3.3 C.12.1.1.2, PS3.5 6.1), decoding and encoding text values under it.
 *
 * <p>Supported: the default repertoire; ISO_IR 100, 101, 109, 110, 126, 127, 138, 144, 148, 166, 203 and 13;
 * ISO_IR 192 (UTF-8), GB18030 and GBK; and code extensions (ISO 2022) with the same single-byte sets and
 * ISO 2022 IR 87, 159 (JIS X 0208/0212), 149 (KS X 1001) and 58 (GB 2312).
 *
 * <p>Reading is lenient, because a workstation must show whatever it is sent: unknown or misspelled terms
 * never throw (see {@link #unknownTerms()}), escape sequences are honoured even for sets the data set did not
 * declare, malformed bytes become U+FFFD. Writing is strict: {@link #canEncode} tells a writer when this set
 * cannot hold a text, so that it switches to {@link #UTF_8}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ISO-IR 6, ASCII), used when (0008,0005) is absent or empty. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());

    /** ISO_IR 192: what a writer switches to when a text does not fit the data set's character set. */
    public static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(List.of("ISO_IR 192"));

    private final List<String> terms;
    private final List<String> unknownTerms;
    private final TextCodec codec;

    private SpecificCharacterSet(List<String> terms) {
        this.terms = List.copyOf(terms);
        this.unknownTerms = this.terms.stream()
                .filter(term -> !term.isEmpty() && DefinedTerm.exact(term).isEmpty())
                .toList();
        this.codec = codecFor(this.terms);
    }

    /**
     * From the values of (0008,0005) Specific Character Set (may be empty/null → DEFAULT). Unknown terms: fall
     * back leniently (record via isKnown/unknownTerms), never throw.
     *
     * <p>Values are trimmed of padding; a single value still holding '\' (an unsplit CS value) is split.
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms == null) {
            return DEFAULT;
        }
        List<String> values = new ArrayList<>();
        for (String value : definedTerms) {
            String text = value == null ? "" : value;
            if (definedTerms.length == 1 && text.indexOf('\\') >= 0) {
                Arrays.stream(text.split("\\\\", -1)).map(SpecificCharacterSet::trim).forEach(values::add);
            } else {
                values.add(trim(text));
            }
        }
        if (values.stream().allMatch(String::isEmpty)) {
            return DEFAULT;
        }
        return new SpecificCharacterSet(values);
    }

    private static String trim(String value) {
        return value.strip().replace("\0", "");
    }

    /**
     * Value 1 decides; values 2..n extend it by ISO 2022 code extension. A stand-alone term (UTF-8, GB18030,
     * GBK) forbids extensions: as value 1 it is used alone, later it is ignored like pydicom does - unless
     * value 1 names no repertoire at all, where the writer evidently meant the stand-alone one.
     */
    private static TextCodec codecFor(List<String> terms) {
        List<Optional<DefinedTerm>> resolved = terms.stream().map(DefinedTerm::lenient).toList();
        DefinedTerm first = resolved.isEmpty() ? null : resolved.getFirst().orElse(null);
        boolean firstIsDefault = first == null || (first.g0() == CodeElement.IR_6 && first.g1() == null);
        Optional<DefinedTerm> standalone = resolved.stream()
                .flatMap(Optional::stream)
                .filter(DefinedTerm::isStandalone)
                .filter(term -> term == first || firstIsDefault)
                .findFirst();
        if (standalone.isPresent()) {
            Charset charset = lookUp(standalone.get().standaloneCharset());
            if (charset != null) {
                return new StandaloneCodec(charset);
            }
        }
        List<DefinedTerm> extensions = resolved.stream()
                .skip(1)
                .flatMap(Optional::stream)
                .filter(term -> !term.isStandalone())
                .toList();
        return Iso2022Codec.of(first == null || first.isStandalone() ? null : first, extensions);
    }

    private static Charset lookUp(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Decodes a text value. personName=true for VR PN (escape-state resets at '^' and '=' too). Values of
     * multi-valued elements are separated by '\\' which also resets ISO 2022 state.
     *
     * <p>Decode the whole element value and split afterwards: in GB18030, GBK and the ISO 2022 multi-byte
     * sets the bytes of '\', '^' and '=' also occur inside characters. Padding is returned as it is.
     */
    public String decode(byte[] value, boolean personName) {
        return value == null || value.length == 0 ? "" : codec.decode(value, personName);
    }

    /**
     * Encodes a text value for writing, with the escape sequences ISO 2022 needs. Characters this set cannot
     * hold are written as '?': a writer should check {@link #canEncode} first and switch to {@link #UTF_8}
     * (and write that to (0008,0005)) rather than lose them.
     */
    public byte[] encode(String text, boolean personName) {
        return text == null || text.isEmpty() ? new byte[0] : codec.encode(text, personName).bytes();
    }

    /** Whether {@link #encode} keeps every character of {@code text}. */
    public boolean canEncode(String text) {
        return text == null || text.isEmpty() || codec.encode(text, false).lossless();
    }

    /** The values of (0008,0005) as given, trimmed; empty for {@link #DEFAULT}. */
    public List<String> terms() {
        return terms;
    }

    /**
     * Values that are not Defined Terms. Recognisable misspellings ("ISO-IR 100", "UTF-8") are listed here
     * but still decoded as meant; anything else falls back to the default repertoire.
     */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /** True when every value is a Defined Term. */
    public boolean isKnown() {
        return unknownTerms.isEmpty();
    }

    /** The value of (0008,0005) to write for this set: its terms joined by '\'. */
    public String toDicomString() {
        return String.join("\\", terms);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpecificCharacterSet that && terms.equals(that.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return "SpecificCharacterSet[" + toDicomString() + "]";
    }
}
