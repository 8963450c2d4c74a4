package org.noduletrack.render.volume;

import java.nio.file.Path;
import org.noduletrack.dicom.codec.ModalityLut;
import org.noduletrack.dicom.geom.SliceGeometry;

/**
 * One image plane of a series as found in the headers: a single-frame file, or one frame of a multi-frame file.
 *
 * @param frame           frame index within the file (0 for single-frame)
 * @param frameCount      frames in the file
 * @param geometry        position, orientation and pixel spacing (per-frame functional groups for enhanced images)
 * @param modalityLut     stored value → modality units for this frame
 * @param unsigned16      stored values are unsigned and may use all 16 bits (need an offset to fit a signed short)
 * @param localizer       Image Type says LOCALIZER (a scout: never part of a volume)
 * @param instanceNumber  Instance Number, for reports and tie-breaks only (never for ordering)
 */
public record SourceSlice(Path file, int frame, int frameCount, SliceGeometry geometry, ModalityLut modalityLut,
                          String seriesUid, String modality, String frameOfReferenceUid, int bitsStored, boolean signed,
                          boolean unsigned16, boolean localizer, int instanceNumber) {
    public double positionAlongNormalMm() { return geometry.positionAlongNormal(); }
}
