package org.noduletrack.dicom.data;

import java.io.IOException;

/** Bytes held in memory or left in the source file until needed. */
public sealed interface BinaryValue permits InlineValue, BulkDataRef {
    long length();

    /** The bytes, in little-endian order for swappable VRs. */
    byte[] bytes() throws IOException;
}
