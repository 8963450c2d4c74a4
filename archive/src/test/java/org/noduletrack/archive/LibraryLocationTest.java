package org.noduletrack.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibraryLocationTest {
    private final Path home = Path.of("/home/u");

    @Test
    void explicitThenEnvironmentThenOsConvention() {
        assertThat(LibraryLocation.resolve(Optional.of(Path.of("/x/lib")), Map.of("NODULETRACK_LIBRARY", "/env"), "Linux", home))
                .isEqualTo(Path.of("/x/lib"));
        assertThat(LibraryLocation.resolve(Optional.empty(), Map.of("NODULETRACK_LIBRARY", "/env"), "Linux", home))
                .isEqualTo(Path.of("/env"));
        assertThat(LibraryLocation.resolve(Optional.empty(), Map.of(), "Linux", home))
                .isEqualTo(Path.of("/home/u/.local/share/noduletrack/library"));
        assertThat(LibraryLocation.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", "/data"), "Linux", home))
                .isEqualTo(Path.of("/data/noduletrack/library"));
        assertThat(LibraryLocation.resolve(Optional.empty(), Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/u/Library/Application Support/NoduleTrack/library"));
        assertThat(LibraryLocation.resolve(Optional.empty(), Map.of("LOCALAPPDATA", "/appdata"), "Windows 11", home))
                .isEqualTo(Path.of("/appdata/NoduleTrack/library"));
    }

    @Test
    void storageFailuresGetAClearReason() {
        var full = ArchiveException.storage("copying", new java.nio.file.FileSystemException("/lib/tmp/x", null,
                "No space left on device"));
        assertThat(full.reason()).isEqualTo(ArchiveException.Reason.DISK_FULL);
        assertThat(full.getMessage()).contains("no space left");
        var denied = ArchiveException.storage("copying", new java.nio.file.AccessDeniedException("/lib/store"));
        assertThat(denied.reason()).isEqualTo(ArchiveException.Reason.PERMISSION);
    }
}
