package org.noduletrack.dicom.dicomdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.testing.SharedData;

/** Resolving Referenced File IDs on media whose file names differ in case, version suffix or trailing dot. */
class MediaFileResolverTest {
    @TempDir
    Path tmp;

    private static Path shared() { return SharedData.file("pydicom-dicomdir"); }

    private static DicomDirectory standard() throws IOException {
        return new DicomDirReader().read(shared().resolve("DICOMDIR"));
    }

    @Test
    void everyFileOfTheSharedSetResolves() throws Exception {
        DicomDirectory dir = standard();
        MediaFileResolver resolver = new MediaFileResolver(shared());

        assertThat(dir.fileRecords()).hasSize(31);
        assertThat(resolver.danglingReferences(dir)).isEmpty();
        for (DirectoryRecord r : dir.fileRecords().toList()) {
            Path expected = resolver.root().resolve(r.referencedFileId().orElseThrow());
            assertThat(resolver.resolve(r)).contains(expected);
            assertThat(resolver.resolve(String.join("\\", r.fileIdComponents()))).contains(expected);
        }
    }

    @Test
    void lowerCaseMediaResolves() throws Exception {
        Path media = copyTree(shared(), tmp.resolve("lower"), n -> n.toLowerCase(Locale.ROOT));
        DicomDirectory dir = standard();
        MediaFileResolver resolver = new MediaFileResolver(media);

        assertThat(resolver.danglingReferences(dir)).isEmpty();
        Path ct = resolver.resolve("98892001\\CT2N\\6293").orElseThrow();
        assertThat(media.relativize(ct).toString()).isEqualTo("98892001/ct2n/6293");
    }

    @Test
    void iso9660VersionSuffixesAndTrailingDotsResolve() throws Exception {
        // Directories as "CT2N." and files as "6293.;1", as some mastering tools and Windows mounts show them.
        Path media = copyTree(shared(), tmp.resolve("iso"), n -> n.matches("\\d{4,5}") ? n + ".;1" : n + ".");
        MediaFileResolver resolver = new MediaFileResolver(media);

        assertThat(resolver.danglingReferences(standard())).isEmpty();
        assertThat(resolver.resolve("77654033\\CR1\\6154").orElseThrow().getFileName().toString()).isEqualTo("6154.;1");
    }

    @Test
    void tinyAlphaResolvesInAnyCase() throws Exception {
        Path original = SharedData.file("pydicom-dicomdir/TINY_ALPHA");
        DicomDirectory dir = new DicomDirReader().read(original.resolve("DICOMDIR"));
        assertThat(dir.fileRecords()).hasSize(50);
        assertThat(new MediaFileResolver(original).danglingReferences(dir)).isEmpty();

        Path lower = copyTree(original, tmp.resolve("tiny"), n -> n.toLowerCase(Locale.ROOT));
        MediaFileResolver resolver = new MediaFileResolver(lower);
        assertThat(resolver.danglingReferences(dir)).isEmpty();
        assertThat(resolver.resolve("DICOMDIR")).contains(lower.resolve("dicomdir"));
    }

    @Test
    void missingFilesAreReportedAsDangling() throws Exception {
        Path media = copyTree(shared(), tmp.resolve("partial"), n -> n);
        Files.delete(media.resolve("98892003/MR700/4467"));
        Files.delete(media.resolve("77654033/CR2/6247"));
        DicomDirectory dir = standard();

        List<DirectoryRecord> dangling = new MediaFileResolver(media).danglingReferences(dir);

        assertThat(dangling).extracting(r -> r.referencedFileId().orElseThrow())
                .containsExactlyInAnyOrder("98892003/MR700/4467", "77654033/CR2/6247");
    }

    @Test
    void aDirectoryIsNotAFileAndAFileIsNotADirectory() throws Exception {
        Files.createDirectories(tmp.resolve("A/B"));
        Files.writeString(tmp.resolve("A/F"), "x");
        MediaFileResolver resolver = new MediaFileResolver(tmp);

        assertThat(resolver.resolve("A\\B")).isEmpty();
        assertThat(resolver.resolve("A\\F\\X")).isEmpty();
        assertThat(resolver.resolve("a\\f")).contains(tmp.resolve("A/F"));
        assertThat(resolver.resolve(List.of())).isEmpty();
    }

    @Test
    void referencesCannotLeaveTheMediaRoot() throws Exception {
        Path media = Files.createDirectories(tmp.resolve("media"));
        Files.writeString(tmp.resolve("SECRET"), "x");
        Files.writeString(media.resolve("IM1"), "x");
        MediaFileResolver resolver = new MediaFileResolver(media);

        assertThat(resolver.resolve("..\\SECRET")).isEmpty();
        assertThat(resolver.resolve(List.of("..", "SECRET"))).isEmpty();
        assertThat(resolver.resolve(List.of("../SECRET"))).isEmpty();
        assertThat(resolver.resolve(List.of(".", "IM1"))).isEmpty();
        assertThat(resolver.resolve("IM1")).contains(media.resolve("IM1"));
    }

    @Test
    void anExactMatchWinsOverAFoldedOne() throws Exception {
        Files.writeString(tmp.resolve("im1"), "lower");
        Files.writeString(tmp.resolve("IM1"), "upper");
        MediaFileResolver resolver = new MediaFileResolver(tmp);

        assertThat(resolver.resolve("im1")).contains(tmp.resolve("im1"));
        assertThat(resolver.resolve("IM1")).contains(tmp.resolve("IM1"));
    }

    @Test
    void foldingIgnoresCaseVersionAndTrailingDots() {
        assertThat(MediaFileResolver.fold("im00001a.;1")).isEqualTo("IM00001A");
        assertThat(MediaFileResolver.fold("CT2N.")).isEqualTo("CT2N");
        assertThat(MediaFileResolver.fold("6154;12")).isEqualTo("6154");
        assertThat(MediaFileResolver.fold("a.b")).isEqualTo("A.B");
    }

    @Test
    void tenThousandReferencesResolveQuickly() throws Exception {
        // 2,000 files (creating files is slow on some CI disks), each referenced in 5 spellings
        List<List<String>> ids = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            Path series = Files.createDirectories(tmp.resolve("pt1/st1/se" + s));
            for (int i = 0; i < 100; i++) {
                Files.createFile(series.resolve("im" + i));
                for (String name : List.of("IM" + i, "im" + i, "IM" + i + ";1", "Im" + i + ".", "IM" + i + ".;1")) {
                    ids.add(List.of("PT1", "ST1", "SE" + s, name));
                }
            }
        }
        assertThat(ids).hasSize(10_000);
        MediaFileResolver resolver = new MediaFileResolver(tmp);

        // One listing per folder instead of a directory scan per component: about 0.1 s on a laptop.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (List<String> id : ids) {
                assertThat(resolver.resolve(id)).isPresent();
            }
        });
    }

    /** Copies a folder tree, renaming every file and folder below the root. */
    static Path copyTree(Path from, Path to, UnaryOperator<String> rename) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to;
                for (Path name : from.relativize(p)) {
                    if (!name.toString().isEmpty()) {
                        target = target.resolve(rename.apply(name.toString()));
                    }
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
