package org.noduletrack.dicom.data;

import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item followed by the fragments.
 */
public record FragmentsElement(int tag, Vr vr, BinaryValue basicOffsetTable, List<BinaryValue> fragments)
        implements DicomElement {
    public FragmentsElement {
        fragments = List.copyOf(fragments);
    }
}
