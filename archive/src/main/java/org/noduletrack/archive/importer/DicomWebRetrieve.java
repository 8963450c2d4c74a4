package org.noduletrack.archive.importer;

import java.util.Optional;

/**
 * What to fetch from a DICOMweb server: a study, or one series of it.
 *
 * @param seriesParallelism series downloaded at the same time (each one streamed answer)
 */
public record DicomWebRetrieve(String studyUid, Optional<String> seriesUid, int seriesParallelism) {
    public DicomWebRetrieve {
        if (seriesParallelism < 1) {
            throw new IllegalArgumentException("series parallelism must be positive");
        }
    }

    public static DicomWebRetrieve study(String studyUid) {
        return new DicomWebRetrieve(studyUid, Optional.empty(), 3);
    }

    /**
     * Parses the path of {@code dicomweb://PROFILE/studies/UID[/series/UID]} (everything after the profile name).
     */
    public static DicomWebRetrieve parsePath(String path) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        if ((p.length == 2 || p.length == 4) && p[0].equals("studies") && (p.length == 2 || p[2].equals("series"))) {
            return new DicomWebRetrieve(p[1], p.length == 4 ? Optional.of(p[3]) : Optional.empty(), 3);
        }
        throw new IllegalArgumentException("expected studies/STUDY_UID or studies/STUDY_UID/series/SERIES_UID, not " + path);
    }
}
