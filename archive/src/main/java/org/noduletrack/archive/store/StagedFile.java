package org.noduletrack.archive.store;

import java.nio.file.Path;

/**
 * A complete copy in the store's temporary area, not yet part of the library; fsynced unless it was staged without
 * (then the importer fsyncs it before the rows that name it commit).
 *
 * @param path   where the copy lies (under {@code tmp/})
 * @param size   bytes copied
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record StagedFile(Path path, long size, String sha256) {
}
