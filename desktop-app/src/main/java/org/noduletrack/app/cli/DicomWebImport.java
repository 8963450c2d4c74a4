package org.noduletrack.app.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.DicomWebRetrieve;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.importer.Importer;
import org.noduletrack.dicom.web.DicomWebClient;

/** {@code import dicomweb://PROFILE/studies/UID[/series/UID]}: the profile's server, the study's instances. */
final class DicomWebImport {
    static final String SCHEME = "dicomweb://";

    private final PacsProfiles profiles;

    DicomWebImport(PacsProfiles profiles) {
        this.profiles = profiles;
    }

    static boolean isUrl(String s) {
        return s.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    ImportReport run(Importer importer, String url, ImportListener listener, CancelToken cancel) throws IOException {
        String rest = url.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("expected dicomweb://PROFILE/studies/UID[/series/UID], not " + url);
        }
        DicomWebRetrieve what = DicomWebRetrieve.parsePath(rest.substring(slash + 1));
        var profile = profiles.require(rest.substring(0, slash));
        try (DicomWebClient client = new DicomWebClient(profiles.endpoint(profile))) {
            return importer.importDicomWeb(client, what, listener, cancel);
        }
    }

    /** One report for several imports of one command. */
    static ImportReport combine(ImportReport a, ImportReport b) {
        List<ImportReport.SeriesTally> series = new ArrayList<>(a.series());
        series.addAll(b.series());
        List<ImportReport.FileProblem> skipped = new ArrayList<>(a.skippedFiles());
        skipped.addAll(b.skippedFiles());
        List<ImportReport.FileProblem> failed = new ArrayList<>(a.failedFiles());
        failed.addAll(b.failedFiles());
        List<String> dangling = new ArrayList<>(a.dangling());
        dangling.addAll(b.dangling());
        List<String> notes = new ArrayList<>(a.notes());
        notes.addAll(b.notes());
        return new ImportReport(a.imported() + b.imported(), a.duplicates() + b.duplicates(), a.conflicts() + b.conflicts(),
                a.skipped() + b.skipped(), a.failed() + b.failed(), a.bytesImported() + b.bytesImported(),
                a.seconds() + b.seconds(), series, skipped, failed, dangling, notes, a.cancelled() || b.cancelled(),
                a.error().or(b::error));
    }
}
