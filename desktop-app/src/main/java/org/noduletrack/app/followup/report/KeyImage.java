package org.noduletrack.app.followup.report;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.noduletrack.app.followup.FollowUpStudy;

/**
 * An axial crop through a nodule's centroid at one date (lung window, the segmentation's outline drawn), for the report.
 *
 * @param fieldOfViewMm width and height of the crop in mm
 */
public record KeyImage(String noduleId, FollowUpStudy study, BufferedImage image, double fieldOfViewMm) {
    public KeyImage {
        Objects.requireNonNull(noduleId);
        Objects.requireNonNull(study);
        Objects.requireNonNull(image);
    }
}
