package org.noduletrack.archive.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.testing.Media;

class MediaScannerTest {
    @TempDir
    Path tmp;

    private Path mounted;

    @Test
    void classifiesMountsAndFindsTheDicomdirInAnyCaseAtTheRootOrOneFolderDown() throws IOException {
        Path media = tmp.resolve("media");
        Path dvd = Files.createDirectories(tmp.resolve("dev-sr0"));
        Files.writeString(dvd.resolve("dicomdir"), "x");
        Path usb = Files.createDirectories(media.resolve("anna/USB STICK"));
        Files.createDirectories(usb.resolve("Study1"));
        Files.writeString(usb.resolve("Study1/DICOMDIR"), "x");
        Path camera = Files.createDirectories(media.resolve("anna/CAMERA"));
        Files.createDirectories(camera.resolve("DCIM"));
        Path noDir = Files.createDirectories(media.resolve("anna/DICOMONLY"));
        Files.createDirectories(noDir.resolve("DICOM"));
        Path scratch = Files.createDirectories(media.resolve("scratch-tmpfs"));
        List<MountPoint> table = List.of(
                new MountPoint("/dev/nvme0n1p2", Path.of("/"), "ext4", false),
                new MountPoint("/dev/sr0", dvd, "iso9660", true),
                new MountPoint("/dev/sdb1", usb, "vfat", false),
                new MountPoint("/dev/sdc1", camera, "exfat", false),
                new MountPoint("/dev/sdd1", noDir, "ntfs3", false),
                new MountPoint("tmpfs", scratch, "tmpfs", false),
                new MountPoint("/dev/sde1", media.resolve("anna/EJECTED"), "vfat", false));
        List<RemovableMedium> found = new MediaScanner(() -> table, List.of(media)).scan();

        assertThat(found).extracting(RemovableMedium::label)
                .containsExactlyInAnyOrder("dev-sr0", "USB STICK", "CAMERA", "DICOMONLY");
        assertThat(found.subList(0, 3)).allMatch(RemovableMedium::looksLikeDicom);
        assertThat(found.get(3).label()).isEqualTo("CAMERA");
        RemovableMedium d = byLabel(found, "dev-sr0");
        assertThat(d.kind()).isEqualTo(RemovableMedium.Kind.OPTICAL);
        assertThat(d.readOnly()).isTrue();
        assertThat(d.importPath()).isEqualTo(dvd.resolve("dicomdir"));
        RemovableMedium u = byLabel(found, "USB STICK");
        assertThat(u.kind()).isEqualTo(RemovableMedium.Kind.REMOVABLE);
        assertThat(u.dicomDir()).contains(usb.resolve("Study1/DICOMDIR"));
        RemovableMedium f = byLabel(found, "DICOMONLY");
        assertThat(f.dicomDir()).isEmpty();
        assertThat(f.importPath()).isEqualTo(noDir);
    }

    /**
     * A real read-only medium: an ext2 image holding the pydicom DICOMDIR set, loop-mounted read-only under a media
     * folder (this kernel has no ISO 9660 driver; the read-only mount is what matters: any write would fail). Found
     * through this machine's real mount table and imported in full through its DICOMDIR.
     */
    @Test
    void aLoopMountedReadOnlyMediumIsFoundAndImportedThroughItsDicomdir() throws Exception {
        Path content = Media.dicomdirMedium(Files.createDirectories(tmp.resolve("content")), "DICOMDIR");
        Path image = tmp.resolve("medium.img");
        Assumptions.assumeTrue(run("mke2fs", "-q", "-t", "ext2", "-L", "CT2019", "-d", content.toString(),
                image.toString(), "16M") == 0, "mke2fs not available; real-mount medium test skipped");
        Path media = tmp.resolve("media");
        Path mountPoint = Files.createDirectories(media.resolve("anna/CT2019"));
        if (run("mount", "-o", "loop,ro", image.toString(), mountPoint.toString()) != 0) {
            Assumptions.abort("cannot loop-mount here (needs root / CAP_SYS_ADMIN); real-mount medium test skipped");
        }
        mounted = mountPoint;

        List<RemovableMedium> found = new MediaScanner(MountTable::current, List.of(media)).scan();
        assertThat(found).hasSize(1);
        RemovableMedium m = found.getFirst();
        assertThat(m.readOnly()).isTrue();
        assertThat(m.root()).isEqualTo(mountPoint);
        assertThat(m.dicomDir()).contains(mountPoint.resolve("DICOMDIR"));

        try (Library lib = Library.open(tmp.resolve("library"))) {
            ImportReport r = lib.importer(ImportOptions.defaults()).importPaths(List.of(m.importPath()),
                    ImportListener.NONE, new CancelToken());
            assertThat(r.failed()).isZero();
            assertThat(r.imported()).isEqualTo(Media.DICOMDIR_SET_INSTANCES);
            assertThat(r.dangling()).isEmpty();
            assertThat(lib.store().patients()).hasSize(Media.DICOMDIR_SET_PATIENTS);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", "-l", mounted.toString());
        }
    }

    private static RemovableMedium byLabel(List<RemovableMedium> media, String label) {
        return media.stream().filter(m -> m.label().equals(label)).findFirst().orElseThrow();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
