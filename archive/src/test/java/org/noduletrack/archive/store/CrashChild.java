package org.noduletrack.archive.store;

import java.nio.file.Path;
import java.util.List;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.StudyUid;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;

/** Child JVM of {@link CrashSafetyTest}: imports and deletes the same folder in a loop until it is killed. */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        Path source = Path.of(args[1]);
        try (Library lib = Library.open(library)) {
            System.out.println("ready");
            System.out.flush();
            while (true) {
                lib.importer(new ImportOptions(2, 16)).importPaths(List.of(source), ImportListener.NONE, new CancelToken());
                for (var s : lib.store().studies()) {
                    lib.store().deleteStudy(new StudyUid(s.uid().value()));
                }
            }
        }
    }
}
