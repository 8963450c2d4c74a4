package org.noduletrack.app.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.casefolder.ClinicalHistory;
import org.noduletrack.archive.casefolder.Note;
import org.noduletrack.archive.casefolder.ReportEntry;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomReader;

/**
 * A patient's case folder (clinical history, notes, reports) for the workstation: reads on the query executor, writes
 * on the import executor (the library's single writer), never on the FX thread.
 */
public final class CaseFolderService {
    /** Reports larger than this are not opened in the viewer (a corrupt length must not exhaust the heap). */
    static final long MAX_DOCUMENT_BYTES = 256L << 20;

    private final Library library;
    private final Executor reads;
    private final Executor writes;
    private final Executor render;
    private final ReportPages pages = new ReportPages(110);

    /**
     * @param reads  library queries
     * @param writes the library's writer (imports)
     * @param render PDF page rendering (CPU work kept off the query thread)
     */
    public CaseFolderService(Library library, Executor reads, Executor writes, Executor render) {
        this.library = library;
        this.reads = reads;
        this.writes = writes;
        this.render = render;
    }

    /** Everything in a patient's case folder. */
    public record Contents(Optional<ClinicalHistory> history, List<ReportEntry> reports, List<Note> notes) {
        public static final Contents EMPTY = new Contents(Optional.empty(), List.of(), List.of());

        public Contents {
            reports = List.copyOf(reports);
            notes = List.copyOf(notes);
        }
    }

    /**
     * A report ready to show: the rendered pages of a PDF (attached, or from an Encapsulated PDF instance) or text. A
     * DICOM SR is listed but its content tree is not rendered yet: both are empty.
     */
    public record Document(String title, Optional<ReportPages.Rendered> pages, Optional<String> text) {}

    public CompletableFuture<Contents> contents(PatientKey patient) {
        return run(reads, () -> new Contents(library.caseFolders().clinicalHistory(patient),
                library.caseFolders().reports(patient), library.caseFolders().notes(patient)));
    }

    public CompletableFuture<Note> addNote(PatientKey patient, String text) {
        String author = System.getProperty("user.name", "");
        return run(writes, () -> library.caseFolders().addNote(patient, author, text));
    }

    public CompletableFuture<Void> setClinicalHistory(PatientKey patient, String text) {
        return run(writes, () -> {
            library.caseFolders().setClinicalHistory(patient, text);
            return null;
        });
    }

    /** Copies a PDF or text file into the library and files it at {@code date} (DA). */
    public CompletableFuture<ReportEntry> attachReport(PatientKey patient, Path file, String title, String date) {
        return run(writes, () -> library.caseFolders().attachReport(patient, file, title, date));
    }

    /** The report's content, read and rendered in the background. */
    public CompletableFuture<Document> document(ReportEntry report) {
        return switch (report.kind()) {
            case PDF -> run(reads, () -> storedFile(report)).thenCompose(this::renderPdf)
                    .thenApply(r -> new Document(report.title(), Optional.of(r), Optional.empty()));
            case ENCAPSULATED_PDF -> run(reads, () -> extractPdf(report)).thenCompose(f -> renderPdf(f)
                    .whenComplete((r, e) -> deleteQuietly(f)))
                    .thenApply(r -> new Document(report.title(), Optional.of(r), Optional.empty()));
            case TEXT -> run(reads, () -> new Document(report.title(), Optional.empty(),
                    Optional.of(Files.readString(storedFile(report), StandardCharsets.UTF_8))));
            case DICOM_SR -> CompletableFuture.completedFuture(new Document(report.title(), Optional.empty(), Optional.empty()));
        };
    }

    private CompletableFuture<ReportPages.Rendered> renderPdf(Path pdf) {
        return run(render, () -> pages.render(pdf));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            p.toFile().deleteOnExit(); // a temporary copy: gone at exit at the latest
        }
    }

    private Path storedFile(ReportEntry report) throws IOException {
        Path p = library.file(report.filePath().orElseThrow(() -> new IOException("the report has no file in the library")));
        long size = Files.size(p);
        if (size > MAX_DOCUMENT_BYTES) {
            throw new IOException("the report is too large to show (" + (size >> 20) + " MB)");
        }
        return p;
    }

    /** The PDF inside an Encapsulated PDF instance, written to a temporary file (deleted once rendered). */
    private Path extractPdf(ReportEntry report) throws IOException, ArchiveException {
        var uid = report.instance().orElseThrow(() -> new IOException("the report has no DICOM instance"));
        var instance = library.store().instance(uid)
                .orElseThrow(() -> new IOException("the report's DICOM instance is no longer in the library"));
        Path file = library.file(instance.filePath());
        if (Files.size(file) > MAX_DOCUMENT_BYTES) {
            throw new IOException("the report is too large to show (" + (Files.size(file) >> 20) + " MB)");
        }
        DicomDataset ds = new DicomReader(org.noduletrack.dicom.io.ReadOptions.everythingInMemory()).read(file).dataset();
        byte[] doc = ds.bytes(Tags.EncapsulatedDocument)
                .orElseThrow(() -> new IOException("the DICOM instance holds no encapsulated document"));
        // (0042,0015) gives the real length: the element is padded to an even length
        int declared = ds.intValue(Tags.EncapsulatedDocumentLength, 0);
        int length = declared > 0 && declared <= doc.length ? declared : doc.length;
        Path out = Files.createTempFile("noduletrack-report-", ".pdf");
        Files.write(out, length == doc.length ? doc : java.util.Arrays.copyOf(doc, length));
        return out;
    }

    @FunctionalInterface
    private interface Job<T> {
        T get() throws Exception;
    }

    private static <T> CompletableFuture<T> run(Executor on, Job<T> job) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return job.get();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, on);
    }

}
