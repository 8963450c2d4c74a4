package org.noduletrack.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.DicomWebRetrieve;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.testing.SharedData;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.web.DicomWebAuth;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.DicomWebEndpoint;
import org.noduletrack.dicom.web.RetryPolicy;

/**
 * A connection lost in the middle of a series answer is resumed within the same import: the instances not yet received
 * are fetched one by one, none twice. The server is an in-JVM stand-in that drops the first series answer after four
 * and a half parts (Orthanc cannot be made to do that on cue).
 */
class DicomWebResumeTest {
    @Test
    void lostConnectionMidSeriesIsResumedWithoutFetchingAnythingTwice(@TempDir Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.file(OrthancExtension.LIDC))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().limit(10).toList();
        }
        Map<String, byte[]> bySop = new LinkedHashMap<>();
        String study = null, series = null;
        for (Path f : files) {
            DicomDataset h = new DicomReader(ReadOptions.headerOnly()).read(f).dataset();
            bySop.put(h.string(Tags.SOPInstanceUID).orElseThrow(), Files.readAllBytes(f));
            study = h.string(Tags.StudyInstanceUID).orElseThrow();
            series = h.string(Tags.SeriesInstanceUID).orElseThrow();
        }
        List<String> sops = new ArrayList<>(bySop.keySet());
        List<String> requests = new CopyOnWriteArrayList<>();
        String seriesPath = "/dicom-web/studies/" + study + "/series/" + series;
        String seriesUid = series;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/dicom-web/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.add(path);
            try {
                if (path.endsWith("/instances")) {
                    StringBuilder json = new StringBuilder("[");
                    for (String sop : sops) {
                        json.append(json.length() > 1 ? "," : "").append("{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"")
                                .append(seriesUid).append("\"]},\"00080018\":{\"vr\":\"UI\",\"Value\":[\"").append(sop)
                                .append("\"]}}");
                    }
                    reply(ex, "application/dicom+json", json.append(']').toString().getBytes(StandardCharsets.UTF_8));
                } else if (path.equals(seriesPath)) {
                    ex.getResponseHeaders().set("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=b0");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    byte[] all = multipart(sops.stream().map(bySop::get).toList());
                    int upTo = multipart(sops.subList(0, 4).stream().map(bySop::get).toList()).length - 10
                            + bySop.get(sops.get(4)).length / 2;
                    out.write(all, 0, upTo);
                    out.flush();
                    throw new IOException("connection dropped on purpose");
                } else if (path.startsWith(seriesPath + "/instances/")) {
                    String sop = path.substring(path.lastIndexOf('/') + 1);
                    ex.getResponseHeaders().set("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=b0");
                    byte[] body = multipart(List.of(bySop.get(sop)));
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                } else {
                    reply(ex, "text/plain", new byte[0], 404);
                }
            } finally {
                ex.close();
            }
        });
        server.start();
        try (Library lib = Library.open(dir.resolve("lib"));
             DicomWebClient client = new DicomWebClient(new DicomWebEndpoint(
                     URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web/"), DicomWebAuth.none(),
                     Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                     new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20))))) {
            ImportReport r = lib.importer(new ImportOptions(2, 4)).importDicomWeb(client,
                    DicomWebRetrieve.study(study), ImportListener.NONE, new CancelToken());
            assertThat(r.failedFiles()).isEmpty();
            assertThat(r.complete()).isTrue();
            assertThat(r.imported()).isEqualTo(10);
            assertThat(r.duplicates()).isZero();
            // one series answer (cut after 4 complete parts), then exactly the 6 missing instances, once each
            assertThat(requests.stream().filter(seriesPath::equals)).hasSize(1);
            List<String> single = requests.stream().filter(p -> p.startsWith(seriesPath + "/instances/"))
                    .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
            assertThat(single).containsExactlyInAnyOrderElementsOf(sops.subList(4, 10));
            for (String sop : sops) {
                byte[] stored = Files.readAllBytes(lib.file(lib.store().instance(new SopInstanceUid(sop)).orElseThrow()
                        .filePath()));
                assertThat(stored).isEqualTo(bySop.get(sop));
            }
            try (Stream<Path> tmp = Files.list(lib.root().resolve("tmp"))) {
                assertThat(tmp).isEmpty();
            }
        } finally {
            server.stop(0);
        }
    }

    private static byte[] multipart(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes("--b0\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("--b0--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static void reply(HttpExchange ex, String type, byte[] body) throws IOException {
        reply(ex, type, body, 200);
    }

    private static void reply(HttpExchange ex, String type, byte[] body, int status) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }
}
