package org.noduletrack.archive.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Builds media fixtures from the shared data.
 *
 * <p>Expected counts of the pydicom DICOMDIR set, derived independently with dcmtk's dcmdump (2025-xx, see the
 * report of issue #4): {@code for f in $(find 77654033 98892001 98892003 -type f); do dcmdump -q +P 0010,0020
 * +P 0020,000d +P 0020,000e +P 0008,0018 $f; done} gives 31 files, 31 distinct SOP Instance UIDs, 13 distinct Series
 * Instance UIDs, 6 distinct Study Instance UIDs, 2 Patient IDs (77654033: 2 studies / 4 series / 7 instances;
 * 98890234: 4 studies / 9 series / 24 instances); {@code dcmdump DICOMDIR | grep -c ReferencedFileID} = 31 for every
 * variant except DICOMDIR-empty.dcm (0). TINY_ALPHA: 50 referenced files, 1 patient, 1 study, 1 series.
 * LIDC-IDRI-0001: 133 .dcm files, 133 distinct SOP UIDs, one series, one study, plus 1 XML and ATTRIBUTION.
 */
public final class Media {
    private Media() {}

    public static final int DICOMDIR_SET_INSTANCES = 31;
    public static final int DICOMDIR_SET_SERIES = 13;
    public static final int DICOMDIR_SET_STUDIES = 6;
    public static final int DICOMDIR_SET_PATIENTS = 2;
    public static final List<String> PATIENT_FOLDERS = List.of("77654033", "98892001", "98892003");

    /** A medium with the three patient folders of the pydicom set and the given DICOMDIR variant as DICOMDIR. */
    public static Path dicomdirMedium(Path dir, String variant) throws IOException {
        Path src = SharedData.file("pydicom-dicomdir");
        for (String f : PATIENT_FOLDERS) {
            SharedData.copyTree(src.resolve(f), dir.resolve(f));
        }
        Files.copy(src.resolve(variant), dir.resolve("DICOMDIR"), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    /**
     * A vendor-style CD: TINY_ALPHA's DICOMDIR and extensionless upper-case files, with the names as a lower-casing
     * ISO 9660 mount shows them (lower case, ";1" on the DICOMDIR), plus a viewer program, autorun, a JPEG and a
     * readme at the root.
     */
    public static Path vendorCd(Path dir) throws IOException {
        Path src = SharedData.file("pydicom-dicomdir/TINY_ALPHA");
        SharedData.copyTree(src, dir);
        // lower-case every name below the root, as some ISO 9660 mounts do; the DICOMDIR keeps upper case
        try (var s = Files.walk(dir.resolve("PT000000"))) {
            List<Path> all = s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                Files.move(p, p.resolveSibling(p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        Files.move(dir.resolve("DICOMDIR"), dir.resolve("DICOMDIR;1"));
        Files.createDirectories(dir.resolve("VIEWER"));
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        Files.write(dir.resolve("VIEWER/VIEWER.EXE"), exe);
        Files.writeString(dir.resolve("AUTORUN.INF"), "[autorun]\r\nopen=VIEWER\\VIEWER.EXE\r\n");
        Files.write(dir.resolve("LOGO.JPG"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F',
                'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xD9});
        return dir;
    }
}
