package org.noduletrack.archive.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mounted file systems. On Linux from {@code /proc/self/mounts} (device, mount point, type, options; spaces and
 * other specials in paths are octal escapes such as {@code \040}); elsewhere from the JDK's file stores, whose
 * {@code toString()} is "path (device)" on macOS and "label (C:)" on Windows, where the drive roots are the mount points.
 */
public final class MountTable {
    private static final Path PROC_MOUNTS = Path.of("/proc/self/mounts");

    private MountTable() {}

    /** This machine's mounts now; an empty list when they cannot be read (never an exception: detection is a hint). */
    public static List<MountPoint> current() {
        if (Files.isReadable(PROC_MOUNTS)) {
            try {
                return parseProcMounts(Files.readString(PROC_MOUNTS, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return List.of();
            }
        }
        return fromFileStores();
    }

    /** Parses the text of {@code /proc/self/mounts} (fstab format); malformed lines are ignored. */
    public static List<MountPoint> parseProcMounts(String text) {
        List<MountPoint> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || f[0].startsWith("#")) {
                continue;
            }
            boolean ro = false;
            for (String opt : f[3].split(",")) {
                ro |= opt.equals("ro");
            }
            out.add(new MountPoint(unescape(f[0]), Path.of(unescape(f[1])), f[2], ro));
        }
        return out;
    }

    /** Undoes the kernel's octal escapes of space, tab, newline and backslash. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    private static List<MountPoint> fromFileStores() {
        List<MountPoint> out = new ArrayList<>();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (windows) {
            for (Path root : FileSystems.getDefault().getRootDirectories()) {
                try {
                    FileStore fs = Files.getFileStore(root);
                    out.add(new MountPoint(fs.name(), root, fs.type(), fs.isReadOnly()));
                } catch (IOException e) {
                    // an empty optical drive: no medium, nothing to list
                }
            }
            return out;
        }
        for (FileStore fs : FileSystems.getDefault().getFileStores()) {
            String s = fs.toString();
            int paren = s.lastIndexOf(" (");
            if (paren > 0) {
                out.add(new MountPoint(fs.name(), Path.of(s.substring(0, paren)), fs.type(), fs.isReadOnly()));
            }
        }
        return out;
    }
}
