package org.noduletrack.archive;

import java.util.List;

/**
 * Result of a full library check.
 *
 * @param rows         file paths named by index rows
 * @param files        files found in the store
 * @param orphanFiles  files no row names (deleted when the check repairs)
 * @param missingFiles paths rows name but no file holds
 */
public record VerifyResult(int rows, int files, List<String> orphanFiles, List<String> missingFiles) {
    public VerifyResult {
        orphanFiles = List.copyOf(orphanFiles);
        missingFiles = List.copyOf(missingFiles);
    }

    public boolean consistent() { return orphanFiles.isEmpty() && missingFiles.isEmpty(); }
}
