package org.noduletrack.archive;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A library operation failed: storage full or not writable, a locked or damaged library, or an unknown object.
 * The message is one line a user can act on; it never contains patient names or IDs.
 */
public class ArchiveException extends IOException {
    /** What went wrong, for callers that map failures to exit codes or dialogs. */
    public enum Reason { DISK_FULL, PERMISSION, LOCKED, NOT_FOUND, CORRUPT, DATABASE, IO, CANCELLED }

    private final Reason reason;

    public ArchiveException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ArchiveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }

    /** Classifies a storage failure: disk full and permission problems get their own reason and a clear message. */
    public static ArchiveException storage(String what, IOException e) {
        if (e instanceof ArchiveException a) {
            return a;
        }
        if (isDiskFull(e)) {
            return new ArchiveException(Reason.DISK_FULL, what + ": no space left on the library's disk", e);
        }
        if (e instanceof AccessDeniedException || (e instanceof FileSystemException fs && fs.getReason() != null
                && fs.getReason().toLowerCase(Locale.ROOT).contains("permission"))) {
            return new ArchiveException(Reason.PERMISSION, what + ": permission denied (" + e.getMessage() + ")", e);
        }
        return new ArchiveException(Reason.IO, what + ": " + e, e);
    }

    public static ArchiveException database(String what, SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_FULL") || m.contains("disk is full")) {
            return new ArchiveException(Reason.DISK_FULL, what + ": no space left on the library's disk", e);
        }
        if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
            return new ArchiveException(Reason.LOCKED, what + ": the library database is busy (another NoduleTrack running?)", e);
        }
        if (m.contains("SQLITE_READONLY") || m.contains("SQLITE_CANTOPEN") || m.contains("SQLITE_PERM")) {
            return new ArchiveException(Reason.PERMISSION, what + ": the library database cannot be written (" + m + ")", e);
        }
        if (m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB")) {
            return new ArchiveException(Reason.CORRUPT, what + ": the library database is damaged (" + m + ")", e);
        }
        return new ArchiveException(Reason.DATABASE, what + ": " + m, e);
    }

    /** True for failures a retry will not fix: disk full or permission denied. */
    public static boolean isDiskFullOrPermission(IOException e) {
        ArchiveException a = storage("", e);
        return a.reason == Reason.DISK_FULL || a.reason == Reason.PERMISSION;
    }

    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left") || m.contains("ENOSPC") || m.contains("not enough space")
                    || m.contains("There is not enough space") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
