package org.noduletrack.archive.media;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.noduletrack.archive.importer.Sources;

/**
 * Finds mounted CDs/DVDs and USB media so the import can offer them without a file chooser. A mount counts when its
 * file system is an optical one (ISO 9660, UDF, Windows CDFS), when its device is an optical drive, or when it is
 * mounted under one of the desktop's media folders ({@code /media}, {@code /run/media}, {@code /Volumes}, {@code /mnt})
 * as udisks, macOS and most users do for USB sticks. Pseudo and system file systems never count.
 *
 * <p>Nothing is written to the media, and only the root and its direct sub-folders are listed, so scanning a slow
 * optical drive stays quick.
 */
public final class MediaScanner {
    /** Where desktops mount removable media on Linux and macOS. */
    public static final List<Path> DEFAULT_MEDIA_PARENTS =
            List.of(Path.of("/media"), Path.of("/run/media"), Path.of("/Volumes"), Path.of("/mnt"));

    private static final Set<String> OPTICAL_TYPES = Set.of("iso9660", "udf", "cdfs", "cd9660");
    private static final Set<String> NEVER = Set.of("proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
            "overlay", "squashfs-snap", "autofs", "securityfs", "debugfs", "tracefs", "pstore", "bpf", "mqueue",
            "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "nsfs", "ramfs", "rpc_pipefs", "efivarfs", "devfs");

    private final Supplier<List<MountPoint>> mounts;
    private final List<Path> mediaParents;

    public MediaScanner(Supplier<List<MountPoint>> mounts, List<Path> mediaParents) {
        this.mounts = mounts;
        this.mediaParents = List.copyOf(mediaParents);
    }

    /** Scans this machine's mount table with the desktop media folders. */
    public static MediaScanner forThisMachine() {
        return new MediaScanner(MountTable::current, DEFAULT_MEDIA_PARENTS);
    }

    /** The media mounted now, DICOM-looking ones first; unreadable mounts (an empty drive) are left out. */
    public List<RemovableMedium> scan() {
        List<RemovableMedium> out = new ArrayList<>();
        for (MountPoint m : mounts.get()) {
            Optional<RemovableMedium.Kind> kind = kindOf(m);
            if (kind.isEmpty() || !Files.isDirectory(m.path()) || !Files.isReadable(m.path())) {
                continue;
            }
            out.add(describe(m, kind.get()));
        }
        out.sort((a, b) -> Boolean.compare(b.looksLikeDicom(), a.looksLikeDicom()));
        return out;
    }

    Optional<RemovableMedium.Kind> kindOf(MountPoint m) {
        String type = m.fsType().toLowerCase(Locale.ROOT);
        if (NEVER.contains(type) || m.path().getParent() == null) {
            return Optional.empty();
        }
        String device = m.device().toLowerCase(Locale.ROOT);
        if (OPTICAL_TYPES.contains(type) || device.startsWith("/dev/sr") || device.startsWith("/dev/cdrom")) {
            return Optional.of(RemovableMedium.Kind.OPTICAL);
        }
        for (Path parent : mediaParents) {
            if (m.path().startsWith(parent) && !m.path().equals(parent)) {
                return Optional.of(RemovableMedium.Kind.REMOVABLE);
            }
        }
        return Optional.empty();
    }

    private static RemovableMedium describe(MountPoint m, RemovableMedium.Kind kind) {
        Optional<Path> dicomDir = dicomDirIn(m.path());
        boolean dicomFolder = false;
        List<Path> subfolders = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(m.path())) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    subfolders.add(p);
                    dicomFolder |= p.getFileName().toString().equalsIgnoreCase("DICOM");
                }
            }
        } catch (IOException e) {
            // listed as a medium all the same; the import reports what it cannot read
        }
        if (dicomDir.isEmpty()) {
            for (Path sub : subfolders) {
                dicomDir = dicomDirIn(sub);
                if (dicomDir.isPresent()) {
                    break;
                }
            }
        }
        Path name = m.path().getFileName();
        return new RemovableMedium(m.path(), name == null ? m.path().toString() : name.toString(), kind, m.fsType(),
                m.readOnly(), dicomDir, dicomFolder);
    }

    /** A file named DICOMDIR in any letter case (ISO 9660 level 1 media often show "dicomdir" or "DICOMDIR;1"). */
    private static Optional<Path> dicomDirIn(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Sources.isDicomDirName(p) && Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
