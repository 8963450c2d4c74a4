package org.noduletrack.archive.importer;

/** Receives import progress; called on the importing thread, so it must return quickly. */
@FunctionalInterface
public interface ImportListener {
    void onProgress(ImportProgress progress);

    ImportListener NONE = p -> { };
}
