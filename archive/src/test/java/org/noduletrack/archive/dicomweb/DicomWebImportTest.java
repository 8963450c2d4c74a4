package org.noduletrack.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.DicomWebRetrieve;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.index.InstanceRecord;
import org.noduletrack.archive.testing.SharedData;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.UidGenerator;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.iod.EncapsulatedPdf;
import org.noduletrack.dicom.web.DicomWebAuth;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.DicomWebEndpoint;
import org.noduletrack.dicom.web.DicomWebException;
import org.noduletrack.dicom.web.QidoQuery;

/** DICOMweb search, retrieve into the library, and STOW against a real Orthanc loaded with LIDC-IDRI-0001. */
@ExtendWith(OrthancExtension.class)
class DicomWebImportTest {
    static final String STUDY = "1.3.6.1.4.1.14519.5.2.1.6279.6001.298806137288633453246975630178";
    static final String SERIES = "1.3.6.1.4.1.14519.5.2.1.6279.6001.179049373636438705059720603192";
    /** Original LIDC files by SOP Instance UID: the reference for what the library must hold. */
    static final Map<String, Path> ORIGINALS = new HashMap<>();
    /** A second, generated study with a patient name (LIDC-IDRI-0001's name is empty after anonymisation). */
    static String namedStudyUid;

    @BeforeAll
    static void index(OrthancServer server, @TempDir Path tmp) throws IOException {
        DicomReader reader = new DicomReader(ReadOptions.headerOnly());
        for (Path f : OrthancServer.dicomFiles(SharedData.file(OrthancExtension.LIDC))) {
            ORIGINALS.put(reader.read(f).dataset().string(Tags.SOPInstanceUID).orElseThrow(), f);
        }
        assertThat(ORIGINALS).hasSize(133);
        namedStudyUid = UidGenerator.newUid();
        DicomDataset named = DicomDataset.builder()
                .putString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 192")
                .putString(Tags.SOPClassUID, Vr.UI, Uids.EncapsulatedPDFStorage)
                .putString(Tags.SOPInstanceUID, Vr.UI, UidGenerator.newUid())
                .putString(Tags.PatientName, Vr.PN, "Doe^Jane")
                .putString(Tags.PatientID, Vr.LO, "NT-TEST-2")
                .putString(Tags.StudyInstanceUID, Vr.UI, namedStudyUid)
                .putString(Tags.StudyDate, Vr.DA, "20240102")
                .build();
        Path doc = tmp.resolve("named.dcm");
        EncapsulatedPdf.write(EncapsulatedPdf.build(named, MinimalPdf.withText("named"), "Named"), doc);
        server.upload(List.of(doc));
    }

    private interface Cleanup {
        void run() throws IOException;
    }

    private Cleanup afterThisTest = () -> { };

    @org.junit.jupiter.api.AfterEach
    void cleanUp() throws IOException {
        afterThisTest.run();
    }

    private static Library library(Path dir) throws IOException {
        return Library.open(dir.resolve("library"));
    }

    @Test
    void searchFindsTheStudyByPatientIdAndByName(OrthancServer server) throws Exception {
        try (DicomWebClient c = new DicomWebClient(server.endpoint())) {
            List<DicomDataset> byId = c.searchStudies(QidoQuery.all().with("PatientID", "LIDC-IDRI-0001")
                    .include("NumberOfStudyRelatedInstances"));
            assertThat(byId).extracting(d -> d.string(Tags.StudyInstanceUID).orElse("")).containsExactly(STUDY);
            assertThat(byId.getFirst().string(Tags.NumberOfStudyRelatedInstances)).contains("133");
            assertThat(c.searchStudies(QidoQuery.all().with("PatientID", "LIDC-IDRI-*").with("ModalitiesInStudy", "CT")))
                    .hasSize(1);
            // person-name matching with a wildcard, case-insensitive as Orthanc does it by default
            List<DicomDataset> byName = c.searchStudies(QidoQuery.all().with("PatientName", "doe*").fuzzy(true));
            assertThat(byName).extracting(d -> d.string(Tags.StudyInstanceUID).orElse("")).containsExactly(namedStudyUid);
            assertThat(byName.getFirst().string(Tags.PatientName)).contains("Doe^Jane");
            assertThat(c.searchStudies(QidoQuery.all().with("PatientName", "smith*"))).isEmpty();
            // paging: two studies, one per page
            List<String> pages = Stream.of(0, 1).flatMap(o -> {
                try {
                    return c.searchStudies(QidoQuery.all().page(1, o)).stream();
                } catch (DicomWebException e) {
                    throw new IllegalStateException(e);
                }
            }).map(d -> d.string(Tags.StudyInstanceUID).orElse("")).toList();
            assertThat(pages).containsExactlyInAnyOrder(STUDY, namedStudyUid);
            assertThat(c.searchSeries(STUDY, QidoQuery.all())).extracting(d -> d.string(Tags.Modality).orElse(""))
                    .containsExactly("CT");
        }
    }

    @Test
    void retrieveImportsExactlyThe133InstancesWithIdenticalPixelData(OrthancServer server, @TempDir Path dir)
            throws Exception {
        AtomicLong lastDone = new AtomicLong();
        try (Library lib = library(dir); DicomWebClient c = new DicomWebClient(server.endpoint())) {
            ImportReport r = lib.importer(ImportOptions.defaults()).importDicomWeb(c, DicomWebRetrieve.study(STUDY),
                    p -> lastDone.set(p.filesDone()), new CancelToken());
            assertThat(r.imported()).isEqualTo(133);
            assertThat(r.failed()).isZero();
            assertThat(r.complete()).isTrue();
            assertThat(lastDone).hasValue(133);
            assertLibraryHoldsOriginals(lib, 133);
        }
    }

    @Test
    void cancelMidRetrieveKeepsWhatWasCompleteAndNothingElse(OrthancServer server, @TempDir Path dir) throws Exception {
        try (Library lib = library(dir); DicomWebClient c = new DicomWebClient(server.endpoint())) {
            CancelToken cancel = new CancelToken();
            ImportReport r = lib.importer(new ImportOptions(2, 16)).importDicomWeb(c, DicomWebRetrieve.study(STUDY), p -> {
                if (p.filesDone() >= 20) {
                    cancel.cancel();
                }
            }, cancel);
            assertThat(r.cancelled()).isTrue();
            assertThat(r.failed()).isZero();
            assertThat(r.imported()).isBetween(20L, 132L);
            assertLibraryHoldsOriginals(lib, r.imported());
        }
    }

    @Test
    void studyWithTwoSeriesIsFetchedSeriesBySeriesInParallel(OrthancServer server, @TempDir Path dir) throws Exception {
        DicomDataset header = new DicomReader(ReadOptions.headerOnly()).read(ORIGINALS.values().iterator().next()).dataset();
        DicomDataset report = EncapsulatedPdf.build(header, MinimalPdf.withText("second series"), "Report");
        String sop = report.string(Tags.SOPInstanceUID).orElseThrow();
        Path file = dir.resolve("report.dcm");
        EncapsulatedPdf.write(report, file);
        try (Library lib = library(dir); DicomWebClient c = new DicomWebClient(server.endpoint())) {
            afterThisTest = () -> server.deleteInstance(sop);
            assertThat(c.store(List.of(file)).stored()).containsExactly(sop);
            ImportReport r = lib.importer(ImportOptions.defaults()).importDicomWeb(c,
                    new DicomWebRetrieve(STUDY, Optional.empty(), 2), ImportListener.NONE, new CancelToken());
            assertThat(r.complete()).isTrue();
            assertThat(r.imported()).isEqualTo(134);
            assertThat(r.series()).extracting(ImportReport.SeriesTally::modality, ImportReport.SeriesTally::imported)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CT", 133L),
                            org.assertj.core.groups.Tuple.tuple("DOC", 1L));
            byte[] stored = Files.readAllBytes(lib.file(lib.store().instance(new SopInstanceUid(sop)).orElseThrow().filePath()));
            assertThat(stored).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void wrongPasswordIsAClearErrorAndImportsNothing(OrthancServer server, @TempDir Path dir) throws Exception {
        DicomWebEndpoint wrong = new DicomWebEndpoint(server.dicomWebRoot(),
                new DicomWebAuth.Basic(OrthancServer.USER, "not-the-password"), Optional.empty(),
                server.endpoint().connectTimeout(), server.endpoint().readTimeout(), server.endpoint().retry());
        try (Library lib = library(dir); DicomWebClient c = new DicomWebClient(wrong)) {
            assertThatThrownBy(() -> lib.importer(ImportOptions.defaults()).importDicomWeb(c,
                    DicomWebRetrieve.study(STUDY), ImportListener.NONE, new CancelToken()))
                    .isInstanceOf(DicomWebException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port() + " refused the credentials (HTTP 401)")
                    .hasMessageNotContaining("not-the-password")
                    .satisfies(e -> assertThat(((DicomWebException) e).reason())
                            .isEqualTo(DicomWebException.Reason.UNAUTHORIZED));
            assertThat(lib.store().instanceCount()).isZero();
            assertStoreHasNoStrayFiles(lib, 0);
        }
    }

    @Test
    void serverKilledMidRetrieveLeavesOnlyCompleteInstancesAndARetryCompletesTheSeries(OrthancServer server,
                                                                                       @TempDir Path dir) throws Exception {
        long importedFirst;
        try (Library lib = library(dir); DicomWebClient c = new DicomWebClient(server.endpoint())) {
            AtomicBoolean killed = new AtomicBoolean();
            ImportReport r;
            try {
                // one series, one streamed answer: the kill lands in the middle of it
                r = lib.importer(new ImportOptions(2, 16)).importDicomWeb(c,
                        new DicomWebRetrieve(STUDY, Optional.of(SERIES), 1), p -> {
                            if (p.filesDone() >= 30 && killed.compareAndSet(false, true)) {
                                server.kill();
                            }
                        }, new CancelToken());
            } finally {
                if (!killed.get()) {
                    server.kill();
                }
            }
            assertThat(killed).isTrue();
            assertThat(r.failed()).isEqualTo(1);
            assertThat(r.failedFiles().getFirst().reason()).contains("series " + SERIES);
            assertThat(r.imported()).isBetween(30L, 132L);
            importedFirst = r.imported();
            assertLibraryHoldsOriginals(lib, importedFirst);
        }
        server.launch(); // same port and storage
        try (Library lib = library(dir); DicomWebClient c = new DicomWebClient(server.endpoint())) {
            ImportReport again = lib.importer(ImportOptions.defaults()).importDicomWeb(c, DicomWebRetrieve.study(STUDY),
                    ImportListener.NONE, new CancelToken());
            assertThat(again.imported()).isEqualTo(133 - importedFirst);
            assertThat(again.duplicates()).as("nothing fetched twice").isZero();
            assertThat(again.notes()).contains(importedFirst + " instance(s) already in the library were not fetched again");
            assertThat(again.complete()).isTrue();
            assertLibraryHoldsOriginals(lib, 133);
        }
    }

    @Test
    void storedPdfReportAppearsInOrthanc(OrthancServer server, @TempDir Path dir) throws Exception {
        Path anyLidc = ORIGINALS.values().iterator().next();
        DicomDataset header = new DicomReader(ReadOptions.headerOnly()).read(anyLidc).dataset();
        byte[] pdf = MinimalPdf.withText("NoduleTrack follow-up report: nodule 1, 6 mm, stable");
        DicomDataset report = EncapsulatedPdf.build(header, pdf, "Nodule follow-up report");
        String sop = report.string(Tags.SOPInstanceUID).orElseThrow();
        Path file = dir.resolve("report.dcm");
        EncapsulatedPdf.write(report, file);
        try (DicomWebClient c = new DicomWebClient(server.endpoint())) {
            DicomWebClient.StowResult r;
            try {
                r = c.store(List.of(file));
            } finally {
                afterThisTest = () -> server.deleteInstance(sop); // the other tests count the study's 133 instances
            }
            assertThat(r.stored()).containsExactly(sop);
            assertThat(r.failed()).isEmpty();
            List<DicomDataset> found = c.searchInstances(STUDY, null, QidoQuery.all().with("SOPInstanceUID", sop));
            assertThat(found).hasSize(1);
            assertThat(found.getFirst().string(Tags.SOPClassUID)).contains(Uids.EncapsulatedPDFStorage);
            byte[][] back = new byte[1][];
            c.retrieve(STUDY, report.string(Tags.SeriesInstanceUID).orElseThrow(), sop,
                    (part, body) -> back[0] = body.readAllBytes(), () -> false);
            DicomDataset stored = new DicomReader(ReadOptions.everythingInMemory())
                    .read(new java.io.ByteArrayInputStream(back[0]), back[0].length).dataset();
            byte[] doc = stored.readBinary(Tags.EncapsulatedDocument).orElseThrow();
            assertThat(java.util.Arrays.copyOf(doc, pdf.length)).isEqualTo(pdf);
            assertThat(stored.intValue(Tags.EncapsulatedDocumentLength, -1)).isEqualTo(pdf.length);
            assertThat(stored.string(Tags.PatientID)).contains("LIDC-IDRI-0001");
        }
    }

    /** Every instance row names a stored file whose pixel data equals the original's; no other files anywhere. */
    private static void assertLibraryHoldsOriginals(Library lib, long expected) throws IOException {
        assertThat(lib.store().instanceCount()).isEqualTo(expected);
        DicomReader full = new DicomReader(ReadOptions.everythingInMemory());
        int checked = 0;
        for (Map.Entry<String, Path> o : ORIGINALS.entrySet()) {
            Optional<InstanceRecord> rec = lib.store().instance(new SopInstanceUid(o.getKey()));
            if (rec.isEmpty()) {
                continue;
            }
            Path stored = lib.file(rec.get().filePath());
            byte[] got = full.read(stored).dataset().readBinary(Tags.PixelData).orElseThrow();
            byte[] want = full.read(o.getValue()).dataset().readBinary(Tags.PixelData).orElseThrow();
            assertThat(got).as("pixel data of %s", o.getKey()).hasSize(512 * 512 * 2).isEqualTo(want);
            checked++;
        }
        assertThat(checked).isEqualTo(expected);
        assertStoreHasNoStrayFiles(lib, expected);
    }

    private static void assertStoreHasNoStrayFiles(Library lib, long expected) throws IOException {
        assertThat(count(lib.root().resolve("tmp"))).as("files in tmp/").isZero();
        assertThat(count(lib.root().resolve("incoming"))).as("files in incoming/").isZero();
        assertThat(count(lib.root().resolve("store"))).as("files in store/").isEqualTo(expected);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
