package org.noduletrack.dicom.charset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One decoded value of VR PN (PS3.5 6.2.1): up to three component groups separated by '=', each with up to
 * five components separated by '^' (family, given, middle, prefix, suffix).
 *
 * <p>Groups are kept as written (never null); {@link #components} splits and trims them.
 */
public record PersonName(String alphabetic, String ideographic, String phonetic) {

    /** The three component groups, in the order PS3.5 6.2.1.2 puts them. */
    public enum Group { ALPHABETIC, IDEOGRAPHIC, PHONETIC }

    /** The five components of a group, in their order within it. */
    public enum Component { FAMILY, GIVEN, MIDDLE, PREFIX, SUFFIX }

    private static final int COMPONENTS = Component.values().length;

    public PersonName {
        alphabetic = Objects.requireNonNullElse(alphabetic, "");
        ideographic = Objects.requireNonNullElse(ideographic, "");
        phonetic = Objects.requireNonNullElse(phonetic, "");
    }

    /**
     * Parses one PN value, already decoded by {@link SpecificCharacterSet#decode} (split multi-valued elements
     * at '\' first). Trailing padding is dropped; groups beyond the third are ignored. Null gives an empty name.
     */
    public static PersonName parse(String decodedValue) {
        if (decodedValue == null) {
            return new PersonName("", "", "");
        }
        String[] groups = decodedValue.stripTrailing().split("=", -1);
        return new PersonName(groups[0],
                groups.length > 1 ? groups[1] : "",
                groups.length > 2 ? groups[2] : "");
    }

    /** The raw text of a group, with its '^' delimiters. */
    public String group(Group group) {
        return switch (group) {
            case ALPHABETIC -> alphabetic;
            case IDEOGRAPHIC -> ideographic;
            case PHONETIC -> phonetic;
        };
    }

    /** Always five trimmed components (family, given, middle, prefix, suffix); missing ones are empty. */
    public List<String> components(Group group) {
        String[] parts = group(group).split("\\^", -1);
        List<String> components = new ArrayList<>(COMPONENTS);
        for (int i = 0; i < COMPONENTS; i++) {
            components.add(i < parts.length ? parts[i].strip() : "");
        }
        return List.copyOf(components);
    }

    /** One trimmed component of a group; empty if absent. */
    public String component(Group group, Component component) {
        return components(group).get(component.ordinal());
    }

    /** The alphabetic family name. */
    public String familyName() {
        return component(Group.ALPHABETIC, Component.FAMILY);
    }

    /** The alphabetic given name. */
    public String givenName() {
        return component(Group.ALPHABETIC, Component.GIVEN);
    }

    /** True when no group has any text besides delimiters. */
    public boolean isEmpty() {
        return Arrays.stream(Group.values()).allMatch(g -> display(g).isEmpty());
    }

    /**
     * A readable form for viewers: the first non-empty group, the others in parentheses, e.g.
     * "Yamada^Tarou=山田^太郎=やまだ^たろう" → "Yamada, Tarou (山田 太郎; やまだ たろう)".
     */
    public String display() {
        List<String> shown = Arrays.stream(Group.values())
                .map(this::display)
                .filter(text -> !text.isEmpty())
                .toList();
        if (shown.size() <= 1) {
            return shown.isEmpty() ? "" : shown.getFirst();
        }
        return shown.getFirst() + " (" + String.join("; ", shown.subList(1, shown.size())) + ")";
    }

    /**
     * A readable form of one group. Alphabetic names read "Prefix Family, Given Middle, Suffix" - family
     * first so that lists sort and scan by it, the comma marking which part that is. Ideographic and phonetic
     * names keep the family-first order of the languages that use them, space separated: "山田 太郎".
     * Empty components are left out.
     */
    public String display(Group group) {
        List<String> c = components(group);
        String family = c.get(Component.FAMILY.ordinal());
        String given = joinNonEmpty(" ", c.get(Component.GIVEN.ordinal()), c.get(Component.MIDDLE.ordinal()));
        String prefix = c.get(Component.PREFIX.ordinal());
        String suffix = c.get(Component.SUFFIX.ordinal());
        if (group != Group.ALPHABETIC) {
            return joinNonEmpty(" ", prefix, family, given, suffix);
        }
        String name = joinNonEmpty(", ", family, given);
        return joinNonEmpty(", ", joinNonEmpty(" ", prefix, name), suffix);
    }

    /** The value as DICOM writes it, without trailing empty groups: "Yamada^Tarou=山田^太郎". */
    public String toDicomString() {
        if (!phonetic.isEmpty()) {
            return alphabetic + "=" + ideographic + "=" + phonetic;
        }
        return ideographic.isEmpty() ? alphabetic : alphabetic + "=" + ideographic;
    }

    private static String joinNonEmpty(String delimiter, String... parts) {
        return Stream.of(parts).filter(part -> !part.isEmpty()).collect(Collectors.joining(delimiter));
    }
}
