package org.noduletrack.archive.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.VerifyResult;
import org.noduletrack.archive.index.InstanceRecord;
import org.noduletrack.archive.index.SeriesRecord;

/** What must hold of a library after any failure: rows and files agree, nothing staged is left behind. */
public final class LibraryInvariants {
    private LibraryInvariants() {}

    /**
     * Asserts every invariant and returns the number of instances held. With {@code hashes}, every file's SHA-256 is
     * recomputed and must be the name it is stored under (a complete copy, not just one of the right size).
     */
    public static int assertConsistent(Library lib, boolean hashes) throws Exception {
        VerifyResult v = lib.verify(false);
        assertThat(v.orphanFiles()).as("files without rows").isEmpty();
        assertThat(v.missingFiles()).as("rows without files").isEmpty();
        assertThat(lib.files().list(lib.files().tmpDir())).as("copies left in tmp/").isEmpty();
        assertThat(lib.files().list(lib.files().incomingDir())).as("copies left in incoming/").isEmpty();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int n = 0;
        for (SeriesRecord s : lib.store().series()) {
            for (InstanceRecord i : lib.store().instances(s.uid())) {
                assertThat(Files.size(lib.file(i.filePath()))).isEqualTo(i.size());
                if (hashes) {
                    String hex = HexFormat.of().formatHex(sha.digest(Files.readAllBytes(lib.file(i.filePath()))));
                    assertThat(i.filePath()).contains(hex);
                }
                n++;
            }
            assertThat(s.instances()).isPositive();
        }
        assertThat(lib.store().studies()).allSatisfy(st -> assertThat(st.instances()).isPositive());
        assertThat((long) n).isEqualTo(lib.store().instanceCount());
        return n;
    }
}
