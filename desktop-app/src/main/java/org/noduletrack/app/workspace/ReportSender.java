package org.noduletrack.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.casefolder.ReportEntry;
import org.noduletrack.archive.index.ReportKind;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.index.StudyRecord;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.iod.EncapsulatedPdf;
import org.noduletrack.dicom.web.DicomWebClient;

/**
 * Sends a PDF report of the case folder to a PACS: wrapped as a DICOM Encapsulated PDF in the study it reads (patient
 * and study attributes copied from one of that study's images, its own DOC series) and stored with STOW-RS. Only on
 * the user's request: nothing leaves the machine otherwise.
 */
public final class ReportSender {
    private final Library library;
    private final PacsProfiles profiles;
    private final Executor network;

    public ReportSender(Library library, PacsProfiles profiles, Executor network) {
        this.library = library;
        this.profiles = profiles;
        this.network = network;
    }

    /** The configured servers (read off the FX thread). */
    public CompletableFuture<List<PacsProfile>> servers() {
        return run(profiles::list);
    }

    /** The SOP Instance UID the server stored. */
    public record Sent(String sopInstanceUid, String server) {}

    /** Sends {@code report} (a PDF file of the case folder) as part of {@code study}; fails for other kinds. */
    public CompletableFuture<Sent> send(ReportEntry report, StudyRecord study, String serverName) {
        if (report.kind() != ReportKind.PDF || report.filePath().isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("only a PDF report of the case folder can be sent"));
        }
        return run(() -> {
            PacsProfile p = profiles.require(serverName);
            byte[] pdf = Files.readAllBytes(library.file(report.filePath().get()));
            DicomDataset doc = EncapsulatedPdf.build(header(study), pdf, report.title());
            String sop = doc.string(Tags.SOPInstanceUID).orElseThrow();
            Path file = Files.createTempFile("noduletrack-send-", ".dcm");
            try {
                EncapsulatedPdf.write(doc, file);
                DicomWebClient.StowResult r;
                try (DicomWebClient c = new DicomWebClient(profiles.endpoint(p))) {
                    r = c.store(List.of(file));
                }
                if (!r.stored().contains(sop)) {
                    throw new IOException(p.name() + " did not store the report" + (r.failed().isEmpty() ? ""
                            : " (refused: " + String.join(", ", r.failed()) + ")"));
                }
                return new Sent(sop, p.name());
            } finally {
                Files.deleteIfExists(file);
            }
        });
    }

    /** Patient and study attributes: the header of the study's first image (any series that is not a document). */
    private DicomDataset header(StudyRecord study) throws ArchiveException, IOException {
        List<SeriesRecord> series = library.store().series(study.uid()).stream()
                .filter(s -> !List.of("DOC", "SR", "KO", "PR").contains(s.modality()))
                .sorted(Comparator.comparingInt((SeriesRecord s) -> s.number().orElse(Integer.MAX_VALUE))).toList();
        for (SeriesRecord s : series) {
            Optional<Path> f = library.store().instances(s.uid()).stream().findFirst().map(i -> library.file(i.filePath()));
            if (f.isPresent()) {
                return new DicomReader(ReadOptions.headerOnly()).read(f.get()).dataset();
            }
        }
        throw new IOException("the study of " + study.date() + " has no image in the library to take the patient data from");
    }

    @FunctionalInterface
    private interface Job<T> {
        T get() throws IOException, ArchiveException;
    }

    private <T> CompletableFuture<T> run(Job<T> job) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return job.get();
            } catch (IOException e) { // ArchiveException and DicomWebException (with the server's reason) are IOExceptions
                throw new CompletionException(e);
            }
        }, network);
    }
}
