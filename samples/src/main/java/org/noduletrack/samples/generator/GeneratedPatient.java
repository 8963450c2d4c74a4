package org.noduletrack.samples.generator;

import java.nio.file.Path;
import java.util.List;
import org.noduletrack.samples.truth.GroundTruth;

/** What the generator wrote: one series folder per timepoint (baseline first) and the ground truth file. */
public record GeneratedPatient(Path directory, List<Path> seriesDirectories, Path groundTruthFile, GroundTruth groundTruth) {
    public GeneratedPatient {
        seriesDirectories = List.copyOf(seriesDirectories);
    }
}
