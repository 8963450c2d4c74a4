package org.noduletrack.archive.media;

import java.nio.file.Path;

/** One mounted file system as the operating system lists it. */
public record MountPoint(String device, Path path, String fsType, boolean readOnly) {}
