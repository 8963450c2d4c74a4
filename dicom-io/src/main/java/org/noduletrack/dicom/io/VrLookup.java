package org.noduletrack.dicom.io;

import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.ElementDictionary;
import org.noduletrack.dicom.dict.Tags;

/** VRs for implicit VR data sets, from the data dictionary and, for the ambiguous ones, from context. */
public interface VrLookup {
    /** The dictionary VR, or null when the tag is unknown. */
    Vr dictionaryVr(int tag);

    /** The VR to read an implicit VR element with; {@code context} is the data set read so far. */
    default Vr implicitVr(int tag, DatasetBuilder context) {
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
        return vr == null ? Vr.UN : vr;
    }

    /** The standard data dictionary. */
    static VrLookup standard() {
        return tag -> {
            String vr = ElementDictionary.standard().primaryVr(tag);
            if (vr == null || vr.length() < 2) {
                return null;
            }
            return Vr.fromCode(vr.charAt(0), vr.charAt(1));
        };
    }
}
