package org.noduletrack.archive.importer;

import java.time.Duration;
import java.util.Optional;

/**
 * Where an import stands. Totals are known after the sources were counted (a quick pass over names and sizes).
 *
 * @param currentSeries modality and description of the series last handled (no patient data), or empty
 * @param eta           estimated time left, when a rate is known
 */
public record ImportProgress(long filesDone, long filesTotal, long bytesDone, long bytesTotal, double filesPerSecond,
                             double bytesPerSecond, Optional<Duration> eta, String currentSeries) {
    public double fraction() {
        return filesTotal <= 0 ? 0 : Math.min(1.0, (double) filesDone / filesTotal);
    }
}
