package org.noduletrack.dicom.dict;

import java.util.List;
import java.util.Objects;

/**
 * One data element of the DICOM data dictionary (PS3.6 section 6).
 *
 * <p>{@code tag} and {@code mask} describe which tags the entry covers: a tag {@code t} matches when
 * {@code (t & mask) == tag}. Exact elements have {@code mask == 0xFFFFFFFF}; repeating-group elements
 * such as (60xx,3000) clear the wildcard nibbles in both ({@code tag = 0x60003000, mask = 0xFF00FFFF}).
 * {@link ElementDictionary} adds two rules a mask cannot state: repeating groups are even (odd groups
 * are private), and a private creator (gggg,00xx) needs xx &ge; 10 in a group that may be private.
 *
 * @param tag      the tag, wildcard bits zero
 * @param mask     the bits of {@code tag} that are fixed
 * @param vrs      the value representations as PS3.6 lists them ("US or SS" gives [US, SS]);
 *                 empty for items and delimiters, which have no VR
 * @param vm       value multiplicity, e.g. "1", "1-n", "2-2n"
 * @param keyword  the PS3.6 keyword, empty for the few retired elements that have none
 * @param name     the PS3.6 name
 * @param retired  whether the standard has retired the element
 */
public record DictionaryEntry(
        int tag, int mask, List<String> vrs, String vm, String keyword, String name, boolean retired) {

    public DictionaryEntry {
        vrs = List.copyOf(vrs);
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(name, "name");
    }

    /** Whether the entry covers more than one tag (repeating groups, group length, private creators). */
    public boolean isRepeating() {
        return mask != -1;
    }

    /**
     * The VR to assume when the data do not say (implicit VR transfer syntax): the first alternative,
     * except "OB or OW" gives OW, because PS3.5 section A.1 encodes pixel, overlay, curve and audio
     * data as OW in Implicit VR Little Endian. Empty when the element has no VR.
     */
    public String primaryVr() {
        if (vrs.isEmpty()) {
            return "";
        }
        if (vrs.size() == 2 && vrs.get(0).equals("OB") && vrs.get(1).equals("OW")) {
            return "OW";
        }
        return vrs.get(0);
    }
}
