package org.noduletrack.dicom.io;

import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.ElementDictionary;
import org.noduletrack.dicom.dict.Tags;

/** VRs for implicit VR data sets, from the data dictionary and, for the ambiguous ones, from context. */
public interface VrLookup {
    /** The dictionary VR, or null when the tag is unknown. */
    Vr dictionaryVr(int tag);

    /** True when the dictionary allows "US or SS", which implicit VR resolves by Pixel Representation. */
    default boolean isUsOrSs(int tag) { return false; }

    /**
     * The VR to read an implicit VR element with.
     *
     * @param signedPixels Pixel Representation is 1 in the data set read so far (it precedes every US/SS element)
     */
    default Vr implicitVr(int tag, boolean signedPixels) {
        if (TagFormat.isGroupLength(tag)) {
            return Vr.UL;
        }
        if (TagFormat.isPrivateCreator(tag)) {
            return Vr.LO;
        }
        if (tag == Tags.PixelData) {
            return Vr.OW; // PS3.5 A.1: always OW in implicit VR little endian
        }
        Vr vr = dictionaryVr(tag);
        if (vr == Vr.US && signedPixels && isUsOrSs(tag)) {
            return Vr.SS;
        }
        return vr == null ? Vr.UN : vr;
    }

    /** The standard data dictionary. */
    static VrLookup standard() {
        ElementDictionary dict = ElementDictionary.standard();
        return new VrLookup() {
            @Override
            public Vr dictionaryVr(int tag) {
                String vr = dict.primaryVr(tag);
                if (vr == null || vr.length() < 2) {
                    return null;
                }
                return Vr.fromCode(vr.charAt(0), vr.charAt(1));
            }

            @Override
            public boolean isUsOrSs(int tag) {
                return dict.lookup(tag).map(e -> e.vrs().contains("US") && e.vrs().contains("SS")).orElse(false);
            }
        };
    }
}
