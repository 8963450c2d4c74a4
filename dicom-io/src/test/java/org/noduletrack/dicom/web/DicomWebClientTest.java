package org.noduletrack.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.testing.SharedData;

/** The client against an in-JVM HTTP server that plays a PACS, including misbehaving ones. */
class DicomWebClientTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private interface Handler {
        void handle(HttpExchange ex, int n) throws IOException;
    }

    private void route(String path, Handler h) {
        server.createContext(path, ex -> {
            int n = requests.incrementAndGet();
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            queries.add(String.valueOf(ex.getRequestURI().getRawQuery()));
            try {
                h.handle(ex, n);
            } finally {
                ex.close();
            }
        });
    }

    private DicomWebEndpoint endpoint(DicomWebAuth auth) {
        return new DicomWebEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web"), auth,
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(2),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }

    @Test
    void qidoSendsTheQueryAndCredentialsAndParsesTheAnswer() throws Exception {
        route("/dicom-web/studies", (ex, n) -> send(ex, 200, "application/dicom+json",
                "[{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"LIDC-IDRI-0001\"]},\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}]"
                        .getBytes(StandardCharsets.UTF_8)));
        try (DicomWebClient c = new DicomWebClient(endpoint(new DicomWebAuth.Basic("nt", "s3cret")))) {
            List<DicomDataset> r = c.searchStudies(QidoQuery.all().with("PatientName", "doe jane*").with("PatientID", "")
                    .with("ModalitiesInStudy", "CT").page(10, 20).fuzzy(true));
            assertThat(r).hasSize(1);
            assertThat(r.getFirst().string(Tags.StudyInstanceUID)).contains("1.2.3");
        }
        assertThat(queries).containsExactly(
                "PatientName=doe%20jane*&ModalitiesInStudy=CT&limit=10&offset=20&fuzzymatching=true");
        assertThat(authorizations).containsExactly("Basic bnQ6czNjcmV0");
    }

    @Test
    void bearerTokenIsSentAndNeverShown() throws Exception {
        route("/dicom-web/studies", (ex, n) -> send(ex, 200, "application/dicom+json", "[]".getBytes()));
        DicomWebAuth bearer = new DicomWebAuth.Bearer("tok-123");
        try (DicomWebClient c = new DicomWebClient(endpoint(bearer))) {
            assertThat(c.searchStudies(QidoQuery.all())).isEmpty();
        }
        assertThat(authorizations).containsExactly("Bearer tok-123");
        assertThat(bearer.toString()).doesNotContain("tok-123");
        assertThat(new DicomWebAuth.Basic("u", "pw").toString()).doesNotContain("pw");
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilSuccess() throws Exception {
        route("/dicom-web/studies", (ex, n) -> {
            if (n < 3) {
                send(ex, 503, "text/plain", "busy".getBytes());
            } else {
                send(ex, 200, "application/dicom+json", "[]".getBytes());
            }
        });
        try (DicomWebClient c = new DicomWebClient(endpoint(DicomWebAuth.none()))) {
            assertThat(c.searchStudies(QidoQuery.all())).isEmpty();
        }
        assertThat(requests).hasValue(3);
    }

    @Test
    void serverErrorsGiveUpAfterTheLastAttempt() {
        route("/dicom-web/studies", (ex, n) -> send(ex, 500, "application/json", "{\"Message\":\"disk full\"}".getBytes()));
        assertThatThrownBy(() -> {
            try (DicomWebClient c = new DicomWebClient(endpoint(DicomWebAuth.none()))) {
                c.searchStudies(QidoQuery.all());
            }
        }).isInstanceOf(DicomWebException.class).hasMessageContaining("HTTP 500").hasMessageContaining("disk full")
                .satisfies(e -> assertThat(((DicomWebException) e).reason()).isEqualTo(DicomWebException.Reason.SERVER_ERROR));
        assertThat(requests).hasValue(3);
    }

    @Test
    void clientErrorsAreNotRetriedAndSayWhatToCheck() {
        route("/dicom-web/studies", (ex, n) -> send(ex, n == 1 ? 401 : n == 2 ? 403 : 404, "text/plain", new byte[0]));
        DicomWebAuth auth = new DicomWebAuth.Basic("nt", "wrong-password");
        List<DicomWebException> errors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (DicomWebClient c = new DicomWebClient(endpoint(auth))) {
                c.searchStudies(QidoQuery.all());
            } catch (DicomWebException e) {
                errors.add(e);
            }
        }
        assertThat(requests).hasValue(3);
        assertThat(errors).extracting(DicomWebException::reason).containsExactly(DicomWebException.Reason.UNAUTHORIZED,
                DicomWebException.Reason.FORBIDDEN, DicomWebException.Reason.NOT_FOUND);
        assertThat(errors.get(0)).hasMessageContaining("refused the credentials (HTTP 401)");
        assertThat(errors.get(2)).hasMessageContaining("check the base URL");
        assertThat(errors).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("wrong-password"));
    }

    @Test
    void refusedConnectionIsRetriedThenReported() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DicomWebEndpoint e = new DicomWebEndpoint(URI.create("http://127.0.0.1:" + port + "/"), DicomWebAuth.none(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(2),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)));
        try (DicomWebClient c = new DicomWebClient(e)) {
            assertThatThrownBy(() -> c.searchStudies(QidoQuery.all())).isInstanceOf(DicomWebException.class)
                    .hasMessageContaining("cannot connect to 127.0.0.1:" + port)
                    .satisfies(x -> assertThat(((DicomWebException) x).reason()).isEqualTo(DicomWebException.Reason.CONNECTION));
        }
    }

    private static List<Path> lidcFiles(int n) {
        return SharedData.allDicomFiles().stream().filter(p -> p.toString().contains("lidc-idri-0001")).limit(n).toList();
    }

    @Test
    void retrieveStreamsEveryPartByteIdentical() throws Exception {
        List<Path> files = lidcFiles(5);
        String boundary = "0a1b2c";
        route("/dicom-web/studies/1.2.3/series/4.5", (ex, n) -> {
            assertThat(ex.getRequestHeaders().getFirst("Accept")).contains("application/dicom");
            List<byte[]> parts = new ArrayList<>();
            for (Path f : files) {
                parts.add(Files.readAllBytes(f));
            }
            send(ex, 200, "multipart/related; type=\"application/dicom\"; boundary=\"" + boundary + "\"",
                    MultipartReaderTest.multipart(boundary, parts, true));
        });
        List<byte[]> got = new ArrayList<>();
        try (DicomWebClient c = new DicomWebClient(endpoint(DicomWebAuth.none()))) {
            DicomWebClient.RetrieveResult r = c.retrieve("1.2.3", "4.5", null, (p, body) -> got.add(body.readAllBytes()),
                    () -> false);
            assertThat(r.parts()).isEqualTo(5);
        }
        for (int i = 0; i < files.size(); i++) {
            assertThat(got.get(i)).isEqualTo(Files.readAllBytes(files.get(i)));
        }
    }

    @Test
    void connectionLostMidTransferKeepsOnlyCompleteParts() throws Exception {
        byte[] whole = MultipartReaderTest.multipart("zz", List.of(new byte[1000], new byte[400_000]), false);
        route("/dicom-web/studies/1.2.3", (ex, n) -> {
            ex.getResponseHeaders().set("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=zz");
            ex.sendResponseHeaders(200, whole.length); // promises more than it sends
            OutputStream out = ex.getResponseBody();
            out.write(whole, 0, 200_000);
            out.flush();
            ex.getHttpContext().getServer(); // then the connection is dropped
            throw new IOException("simulated crash");
        });
        List<Integer> complete = new ArrayList<>();
        try (DicomWebClient c = new DicomWebClient(endpoint(DicomWebAuth.none()))) {
            assertThatThrownBy(() -> c.retrieve("1.2.3", null, null, (p, body) -> {
                body.readAllBytes();
                complete.add(p.index());
            }, () -> false)).isInstanceOf(DicomWebException.class)
                    .satisfies(x -> assertThat(((DicomWebException) x).reason()).isEqualTo(DicomWebException.Reason.CONNECTION));
        }
        assertThat(complete).containsExactly(0);
    }

    @Test
    void aStalledTransferTimesOut() throws Exception {
        route("/dicom-web/studies/1.2.3", (ex, n) -> {
            ex.getResponseHeaders().set("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=zz");
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("--zz\r\nContent-Type: application/dicom\r\n\r\nabc".getBytes());
            ex.getResponseBody().flush();
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        DicomWebEndpoint e = endpoint(DicomWebAuth.none()).withReadTimeout(Duration.ofMillis(600));
        long t0 = System.nanoTime();
        try (DicomWebClient c = new DicomWebClient(e)) {
            assertThatThrownBy(() -> c.retrieve("1.2.3", null, null, (p, body) -> body.readAllBytes(), () -> false))
                    .isInstanceOf(DicomWebException.class).hasMessageContaining("sent nothing")
                    .satisfies(x -> assertThat(((DicomWebException) x).reason()).isEqualTo(DicomWebException.Reason.TIMEOUT));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void stowSendsTheFilesAsTheyAreAndReadsTheOutcome(@TempDir Path tmp) throws Exception {
        List<Path> files = lidcFiles(2);
        List<byte[]> received = new CopyOnWriteArrayList<>();
        route("/dicom-web/studies", (ex, n) -> {
            assertThat(ex.getRequestMethod()).isEqualTo("POST");
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            new MultipartReader(ex.getRequestBody(), MultipartReader.boundaryOf(type), () -> false)
                    .readAll((p, body) -> received.add(body.readAllBytes()));
            send(ex, 202, "application/dicom+json", ("{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{\"00081155\":{\"vr\":\"UI\","
                    + "\"Value\":[\"1.1\"]}}]},\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081155\":{\"vr\":\"UI\",\"Value\":"
                    + "[\"2.2\"]},\"00081197\":{\"vr\":\"US\",\"Value\":[272]}}]}}").getBytes());
        });
        try (DicomWebClient c = new DicomWebClient(endpoint(DicomWebAuth.none()))) {
            DicomWebClient.StowResult r = c.store(files);
            assertThat(r.stored()).containsExactly("1.1");
            assertThat(r.failed()).containsExactly("2.2 (reason 272)");
        }
        assertThat(received).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(received.get(i)).isEqualTo(Files.readAllBytes(files.get(i)));
        }
    }

    @Test
    void retryDelaysGrowExponentiallyUpToTheCap() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(List.of(p.delayAfter(0), p.delayAfter(1), p.delayAfter(2), p.delayAfter(3))).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }
}
