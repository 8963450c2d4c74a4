package org.noduletrack.render.volume;

import java.util.List;

/**
 * Slices of one series that share orientation, matrix size and pixel spacing: what can become one volume.
 *
 * @param label      a short description for reports, e.g. "CT 512x512 axial, 133 images" (no patient data)
 * @param scanIssues what the scan found about the series this stack came from (localizers, splits)
 */
public record SliceStack(String seriesUid, String modality, String label, List<SourceSlice> slices,
                         List<AssemblyIssue> scanIssues) {
    public SliceStack {
        slices = List.copyOf(slices);
        scanIssues = List.copyOf(scanIssues);
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one slice");
        }
    }

    public int size() { return slices.size(); }
}
