package org.noduletrack.archive.importer;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;

/** Files to import from one folder, medium (DICOMDIR) or zip. Entries are produced lazily. */
public interface ImportSource extends Closeable {
    /** For the report and the audit log (a path, no patient data). */
    String description();

    /** How the source was read: "folder", "DICOMDIR", "zip", "file". */
    String kind();

    /** Number of entries and bytes; a quick pass over names and sizes. */
    long[] countFilesAndBytes() throws java.io.IOException;

    Iterator<SourceEntry> entries() throws java.io.IOException;

    /** Remarks for the report: DICOMDIR repairs, fallback to scanning. */
    List<String> notes();

    /** Files the DICOMDIR references that are not on the medium (known once entries were iterated). */
    List<String> danglingReferences();
}
