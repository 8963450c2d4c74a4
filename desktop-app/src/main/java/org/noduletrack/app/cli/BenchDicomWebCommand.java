package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.DicomWebRetrieve;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.DicomWebEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dicomweb", mixinStandardHelpOptions = true,
        description = {"DICOMweb retrieve benchmark, JSON on stdout. In the same run, median of --repeat rounds each:",
                "1. baseline: a plain HTTP GET of the study's WADO-RS answer, bytes read and discarded;",
                "2. the client's streamed multipart retrieve of the same answer, parts discarded;",
                "3. the full import of the study into a fresh library (spooled to tmp/, indexed, fsynced, committed)."})
public final class BenchDicomWebCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROFILE")
    String profile;

    @Parameters(index = "1", paramLabel = "STUDY_UID")
    String study;

    @Option(names = "--repeat", defaultValue = "3")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1")
    int warmup;

    @Option(names = "--out", description = "also write the JSON result to this file")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PacsProfiles profiles = PacsCommand.profiles();
        PacsProfile p = profiles.require(profile);
        DicomWebEndpoint endpoint = profiles.endpoint(p);
        double[] raw = new double[repeat];
        double[] parsed = new double[repeat];
        double[] imported = new double[repeat];
        long bytes = 0;
        int parts = 0;
        long instances = 0;
        Path scratch = Files.createTempDirectory("noduletrack-bench-dicomweb");
        try (DicomWebClient client = new DicomWebClient(endpoint);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = -warmup; i < repeat; i++) {
                long t0 = System.nanoTime();
                bytes = rawGet(http, endpoint);
                double tRaw = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                parts = client.retrieve(study, null, null, (part, body) -> body.transferTo(OutputStream.nullOutputStream()),
                        () -> false).parts();
                double tParsed = (System.nanoTime() - t0) / 1e9;
                Path lib = scratch.resolve("lib-" + (i + warmup));
                double tImport;
                try (Library l = Library.open(lib)) {
                    t0 = System.nanoTime();
                    ImportReport r = l.importer(ImportOptions.defaults()).importDicomWeb(client,
                            DicomWebRetrieve.study(study), ImportListener.NONE, new CancelToken());
                    tImport = (System.nanoTime() - t0) / 1e9;
                    instances = r.imported();
                    if (!r.complete()) {
                        throw new IllegalStateException("import incomplete: " + r.failedFiles());
                    }
                }
                deleteTree(lib);
                if (i >= 0) {
                    raw[i] = tRaw;
                    parsed[i] = tParsed;
                    imported[i] = tImport;
                }
                err.printf("%s round: raw GET %.3f s, retrieve %.3f s, import %.3f s%n", i < 0 ? "warm-up" : "measured",
                        tRaw, tParsed, tImport);
            }
        } finally {
            deleteTree(scratch);
        }
        double mRaw = median(raw), mParsed = median(parsed), mImport = median(imported);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "dicomweb");
        BenchMachine.current().putInto(r, "cpu");
        r.put("server", p.url().getHost() + ":" + p.url().getPort());
        r.put("instances", instances);
        r.put("parts", parts);
        r.put("bytes", bytes);
        r.put("repeat", repeat);
        r.put("rawGetSeconds", mRaw);
        r.put("rawGetMBps", bytes / mRaw / 1e6);
        r.put("retrieveSeconds", mParsed);
        r.put("retrieveInstancesPerSecond", parts / mParsed);
        r.put("retrieveVsRawGet", mRaw / mParsed);
        r.put("importSeconds", mImport);
        r.put("importInstancesPerSecond", instances / mImport);
        r.put("importVsRawGet", mRaw / mImport);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        spec.commandLine().getOut().println(json);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json + "\n");
        }
        return ExitCodes.OK;
    }

    /** The same request as the client's retrieve, without the client: status check, then every byte discarded. */
    private long rawGet(HttpClient http, DicomWebEndpoint endpoint) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.baseUri().resolve("studies/" + study))
                .header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        endpoint.auth().authorization().ifPresent(a -> b.header("Authorization", a));
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode());
            }
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
