package org.noduletrack.dicom.data;

/** A large value (native pixel data, typically) that stays in the file until read. */
public record BulkDataElement(int tag, Vr vr, BulkDataRef ref) implements DicomElement {}
