package org.noduletrack.archive.index;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.SopInstanceUid;

/**
 * One stored instance.
 *
 * @param filePath       relative to the library root, '/' separated
 * @param slicePositionMm position along the slice normal (LPS mm), when the instance has plane geometry
 * @param sha256         hex SHA-256 of the stored file
 */
public record InstanceRecord(SopInstanceUid uid, SeriesUid series, String sopClassUid, OptionalInt instanceNumber,
                             String transferSyntaxUid, OptionalDouble slicePositionMm, int frames, String filePath,
                             long size, String sha256) {
}
