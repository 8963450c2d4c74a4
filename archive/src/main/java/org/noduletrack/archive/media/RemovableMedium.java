package org.noduletrack.archive.media;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A CD/DVD, USB stick or memory card that is mounted now, and whether it looks like it holds DICOM: the DICOMDIR the
 * import should use when present (PS3.10 puts it at the root; some burners put it one folder down next to a viewer).
 */
public record RemovableMedium(Path root, String label, Kind kind, String fsType, boolean readOnly,
                              Optional<Path> dicomDir, boolean hasDicomFolder) {
    /** What kind of medium, as far as the mount table tells. */
    public enum Kind { OPTICAL, REMOVABLE }

    /** Worth offering for import: a DICOMDIR, or a folder named DICOM as many media without DICOMDIR have. */
    public boolean looksLikeDicom() { return dicomDir.isPresent() || hasDicomFolder; }

    /** What the import should be pointed at: the DICOMDIR when there is one, else the whole medium. */
    public Path importPath() { return dicomDir.orElse(root); }
}
