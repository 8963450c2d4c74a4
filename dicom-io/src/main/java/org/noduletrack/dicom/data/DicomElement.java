package org.noduletrack.dicom.data;

/**
 * One data element. Binary values are always held in little-endian byte order, whatever the source
 * transfer syntax, so that accessors and the writer never care where an element came from.
 */
public sealed interface DicomElement permits ValueElement, SequenceElement, FragmentsElement, BulkDataElement {
    int tag();

    Vr vr();
}
