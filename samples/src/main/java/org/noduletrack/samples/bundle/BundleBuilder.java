package org.noduletrack.samples.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.samples.SampleCatalog;
import org.noduletrack.samples.SampleFile;

/**
 * Builds the bundled sample CT from the shared test data: every slice re-encoded as JPEG-LS lossless by our own
 * writer, plus the catalog with each file's SHA-256. Run once by a maintainer (kept in the repository so the bundle is
 * reproducible); the committed output lives in {@code src/main/resources/org/noduletrack/samples/}.
 *
 * <pre>java -cp ... org.noduletrack.samples.bundle.BundleBuilder ../shared/data/lidc-idri-0001 samples/src/main/resources/org/noduletrack/samples</pre>
 */
public final class BundleBuilder {
    private final DicomReader reader = new DicomReader(ReadOptions.everythingInMemory());
    private final DicomWriter writer = new DicomWriter();
    private final JpegLsTranscoder transcoder = new JpegLsTranscoder();

    /** Transcodes every {@code *.dcm} below {@code sourceDir} into {@code resourceRoot/fixture/} and returns the entries. */
    public List<SampleFile> build(Path sourceDir, Path resourceRoot, String fixture) throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.walk(sourceDir)) {
            sources = s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
        Path target = resourceRoot.resolve(fixture);
        Files.createDirectories(target);
        List<SampleFile> entries = new ArrayList<>();
        for (Path src : sources) {
            DicomFile file = reader.read(src);
            DicomDataset encoded = transcoder.encode(file);
            Path out = target.resolve(src.getFileName().toString());
            writer.write(out, file.fileMeta(), encoded, JpegLsTranscoder.TRANSFER_SYNTAX);
            byte[] bytes = Files.readAllBytes(out);
            entries.add(new SampleFile(fixture, fixture + "/" + out.getFileName(), SampleCatalog.sha256(bytes), bytes.length));
        }
        return entries;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BundleBuilder SOURCE_DIR RESOURCE_ROOT");
            System.exit(2);
        }
        Path root = Path.of(args[1]);
        List<SampleFile> entries = new BundleBuilder().build(Path.of(args[0]), root, SampleCatalog.LIDC_0001);
        StringBuilder tsv = new StringBuilder("# fixture\tpath\tsha256\tbytes\n");
        long total = 0;
        for (SampleFile e : entries) {
            tsv.append(e.fixture()).append('\t').append(e.path()).append('\t').append(e.sha256()).append('\t')
                    .append(e.sizeBytes()).append('\n');
            total += e.sizeBytes();
        }
        Files.writeString(root.resolve(SampleCatalog.CATALOG_NAME), tsv, StandardCharsets.UTF_8);
        System.out.println(entries.size() + " files, " + total + " bytes");
    }
}
