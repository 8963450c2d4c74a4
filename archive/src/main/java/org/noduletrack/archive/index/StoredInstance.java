package org.noduletrack.archive.index;

/** An instance ready to be indexed: its header and where its content lies in the store. */
public record StoredInstance(InstanceHeader header, String filePath, long size, String sha256) {
}
