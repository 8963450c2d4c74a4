package org.noduletrack.dicom.data;

import java.util.List;

/** A sequence of items (VR SQ, or UN of undefined length, which PS3.5 6.2.2 says is an implicit VR LE sequence). */
public record SequenceElement(int tag, Vr vr, List<DicomDataset> items) implements DicomElement {
    public SequenceElement {
        items = List.copyOf(items);
    }
}
