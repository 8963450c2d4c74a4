package org.noduletrack.dicom.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.json.DicomJsonReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DICOMweb client (PS3.18) over the JDK's HttpClient: QIDO-RS search, WADO-RS retrieve streamed part by part, STOW-RS.
 * Requests that fail with 5xx, a lost connection or a timeout are retried with exponential backoff
 * ({@link RetryPolicy}); 4xx never are. Failures are {@link DicomWebException}s whose messages say what to check.
 * Query strings carry patient data, so URLs are logged at DEBUG only; credentials never.
 *
 * <p>Thread-safe: one client serves parallel retrieves.
 */
public final class DicomWebClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DicomWebClient.class);
    /** Longest QIDO answer read into memory. */
    static final int MAX_JSON_BYTES = 64 << 20;
    static final String ACCEPT_DICOM = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

    private final DicomWebEndpoint endpoint;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    private final DicomJsonReader json = new DicomJsonReader();

    public DicomWebClient(DicomWebEndpoint endpoint) throws DicomWebException {
        this.endpoint = endpoint;
        boolean tls = "https".equalsIgnoreCase(endpoint.baseUri().getScheme());
        this.http = HttpClient.newBuilder()
                .connectTimeout(endpoint.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                // plain HTTP/2 would first try an h2c upgrade that some PACS mishandle
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .sslContext(TrustStores.sslContext(endpoint.caFile()))
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dicomweb-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public DicomWebEndpoint endpoint() { return endpoint; }

    // ---------------------------------------------------------------- QIDO-RS

    public List<DicomDataset> searchStudies(QidoQuery q) throws DicomWebException {
        return search("studies", q, "search studies");
    }

    public List<DicomDataset> searchSeries(String studyUid, QidoQuery q) throws DicomWebException {
        return search("studies/" + uid(studyUid) + "/series", q, "search the series of a study");
    }

    /** Instances of a study, or of one series when {@code seriesUid} is not null. */
    public List<DicomDataset> searchInstances(String studyUid, String seriesUid, QidoQuery q) throws DicomWebException {
        String path = "studies/" + uid(studyUid) + (seriesUid == null ? "" : "/series/" + uid(seriesUid)) + "/instances";
        return search(path, q, "search instances");
    }

    private List<DicomDataset> search(String path, QidoQuery q, String what) throws DicomWebException {
        String qs = q.toQueryString();
        URI uri = endpoint.baseUri().resolve(path + (qs.isEmpty() ? "" : "?" + qs));
        HttpRequest req = request(uri).header("Accept", "application/dicom+json, application/json").GET().build();
        HttpResponse<InputStream> r = send(req, what);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 204) {
                return List.of();
            }
            byte[] body = in.readNBytes(MAX_JSON_BYTES + 1);
            if (body.length > MAX_JSON_BYTES) {
                throw new DicomWebException(DicomWebException.Reason.BAD_RESPONSE, what + ": the answer is larger than "
                        + (MAX_JSON_BYTES >> 20) + " MB; narrow the search or use limit");
            }
            return json.readArray(new String(body, StandardCharsets.UTF_8));
        } catch (DicomParseException e) {
            throw new DicomWebException(DicomWebException.Reason.BAD_RESPONSE, what + ": the server's answer is not valid"
                    + " DICOM JSON (" + e.getMessage() + ")", e);
        } catch (DicomWebException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomWebException(DicomWebException.Reason.CONNECTION, what + ": connection lost while reading the"
                    + " answer from " + host() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- WADO-RS

    /** What a retrieve received. */
    public record RetrieveResult(int parts, long bytes) {}

    /**
     * Retrieves a study, a series ({@code seriesUid} not null) or one instance ({@code sopUid} too) as
     * multipart/related application/dicom, handing each part to {@code sink} as it arrives. The request is retried
     * when it fails before the first part; a failure later is thrown (the parts already handed over are complete).
     */
    public RetrieveResult retrieve(String studyUid, String seriesUid, String sopUid, PartSink sink,
                                   BooleanSupplier cancelled) throws DicomWebException {
        String path = "studies/" + uid(studyUid) + (seriesUid == null ? "" : "/series/" + uid(seriesUid)
                + (sopUid == null ? "" : "/instances/" + uid(sopUid)));
        HttpRequest req = request(endpoint.baseUri().resolve(path)).header("Accept", ACCEPT_DICOM).GET().build();
        HttpResponse<InputStream> r = send(req, "retrieve");
        String type = r.headers().firstValue("Content-Type").orElse("");
        StallGuard guard = new StallGuard(r.body());
        ScheduledFuture<?> check = watchdog.scheduleWithFixedDelay(guard::check, 250, 250, TimeUnit.MILLISECONDS);
        try (InputStream body = guard) {
            MultipartReader reader = new MultipartReader(body, MultipartReader.boundaryOf(type), cancelled);
            int parts = reader.readAll(sink);
            return new RetrieveResult(parts, reader.bytesRead());
        } catch (DicomWebException e) {
            if (guard.stalled) {
                throw new DicomWebException(DicomWebException.Reason.TIMEOUT, "retrieve: " + host() + " sent nothing for "
                        + endpoint.readTimeout().toSeconds() + " s in the middle of the transfer", e);
            }
            throw e;
        } catch (IOException e) {
            throw new DicomWebException(DicomWebException.Reason.CONNECTION, "retrieve: " + e.getMessage(), e);
        } finally {
            check.cancel(false);
            Thread.interrupted(); // a stall interrupt that raced with the end of the transfer
        }
    }

    /** Closes a streamed answer that has been silent longer than the read timeout (HttpClient has no read timeout). */
    private final class StallGuard extends java.io.FilterInputStream {
        private volatile long lastProgress = System.nanoTime();
        private volatile Thread reader;
        volatile boolean stalled;

        StallGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reader = Thread.currentThread();
            try {
                int n = super.read(b, off, len);
                lastProgress = System.nanoTime();
                return n;
            } finally {
                reader = null;
            }
        }

        void check() {
            Thread t = reader;
            if (t != null && System.nanoTime() - lastProgress > endpoint.readTimeout().toNanos()) {
                stalled = true;
                t.interrupt();
                try {
                    in.close();
                } catch (IOException e) {
                    LOG.debug("closing a stalled answer: {}", e.toString());
                }
            }
        }
    }

    // ---------------------------------------------------------------- STOW-RS

    /** What the server did with a STOW-RS request: SOP Instance UIDs stored, and failures with their reason code. */
    public record StowResult(List<String> stored, List<String> failed) {
        public StowResult {
            stored = List.copyOf(stored);
            failed = List.copyOf(failed);
        }
    }

    /** Stores Part 10 files (sent as they are) in one STOW-RS request. */
    public StowResult store(List<Path> files) throws DicomWebException {
        String boundary = "nt-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        try {
            for (Path f : files) {
                long size = java.nio.file.Files.size(f);
                parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Type: application/dicom\r\n"
                        + "Content-Length: " + size + "\r\n\r\n", StandardCharsets.ISO_8859_1));
                parts.add(HttpRequest.BodyPublishers.ofFile(f));
                parts.add(HttpRequest.BodyPublishers.ofString("\r\n", StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new DicomWebException(DicomWebException.Reason.REJECTED, "cannot read " + e.getMessage(), e);
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.ISO_8859_1));
        HttpRequest req = request(endpoint.baseUri().resolve("studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json, application/json")
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build();
        HttpResponse<InputStream> r = send(req, "store");
        try (InputStream in = r.body()) {
            String text = new String(in.readNBytes(MAX_JSON_BYTES), StandardCharsets.UTF_8);
            DicomDataset answer = text.isBlank() ? DicomDataset.empty() : json.read(text);
            List<String> stored = new ArrayList<>();
            for (DicomDataset item : answer.sequence(Tags.ReferencedSOPSequence)) {
                stored.add(item.string(Tags.ReferencedSOPInstanceUID, "?"));
            }
            List<String> failed = new ArrayList<>();
            for (DicomDataset item : answer.sequence(Tags.FailedSOPSequence)) {
                failed.add(item.string(Tags.ReferencedSOPInstanceUID, "?") + " (reason "
                        + item.intValue(Tags.FailureReason, 0) + ")");
            }
            return new StowResult(stored, failed);
        } catch (DicomParseException e) {
            throw new DicomWebException(DicomWebException.Reason.BAD_RESPONSE, "store: the server's answer is not valid"
                    + " DICOM JSON (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DicomWebException(DicomWebException.Reason.CONNECTION, "store: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- transport

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(endpoint.readTimeout());
        endpoint.auth().authorization().ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    /** Sends with retries; returns only 2xx answers, whose body the caller closes. */
    private HttpResponse<InputStream> send(HttpRequest req, String what) throws DicomWebException {
        RetryPolicy retry = endpoint.retry();
        for (int attempt = 0; ; attempt++) {
            DicomWebException failure;
            try {
                LOG.debug("{} {}", req.method(), req.uri().getPath());
                HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() / 100 == 2) {
                    return r;
                }
                String detail = errorDetail(r);
                failure = statusError(r.statusCode(), what, detail);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DicomWebException(DicomWebException.Reason.CANCELLED, what + ": interrupted", e);
            } catch (IOException e) {
                failure = transportError(e, what);
            }
            if (!failure.retryable() || attempt + 1 >= retry.attempts()) {
                throw failure;
            }
            // the message may quote the server's error text, which can echo a query with patient data: not at INFO
            LOG.info("{} on {}: {}{}; attempt {} of {} in {} ms", what, host(), failure.reason(),
                    failure.status().isPresent() ? " (HTTP " + failure.status().getAsInt() + ")" : "", attempt + 2,
                    retry.attempts(), retry.delayAfter(attempt).toMillis());
            LOG.debug("{}", failure.getMessage());
            try {
                Thread.sleep(retry.delayAfter(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DicomWebException(DicomWebException.Reason.CANCELLED, what + ": interrupted", e);
            }
        }
    }

    /** A short excerpt of an error answer, for the message (servers explain 400s there). */
    private static String errorDetail(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            String s = new String(in.readNBytes(400), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return s.isEmpty() || s.startsWith("<") ? "" : ": " + s;
        } catch (IOException e) {
            return "";
        }
    }

    private DicomWebException statusError(int status, String what, String detail) {
        String h = host();
        return switch (status) {
            case 401 -> new DicomWebException(DicomWebException.Reason.UNAUTHORIZED, status, what + ": " + h
                    + " refused the credentials (HTTP 401); check the user and password or the token of the profile", null);
            case 403 -> new DicomWebException(DicomWebException.Reason.FORBIDDEN, status, what + ": " + h
                    + " does not allow this account to " + what + " (HTTP 403)", null);
            case 404 -> new DicomWebException(DicomWebException.Reason.NOT_FOUND, status, what + ": not found on " + h
                    + " (HTTP 404); check the base URL " + endpoint.baseUri() + " and the UIDs", null);
            default -> status >= 500
                    ? new DicomWebException(DicomWebException.Reason.SERVER_ERROR, status, what + ": " + h
                            + " failed with HTTP " + status + detail, null)
                    : new DicomWebException(DicomWebException.Reason.REJECTED, status, what + ": " + h
                            + " rejected the request with HTTP " + status + detail, null);
        };
    }

    private DicomWebException transportError(IOException e, String what) {
        String h = host();
        if (e instanceof HttpConnectTimeoutException) {
            return new DicomWebException(DicomWebException.Reason.TIMEOUT, what + ": no connection to " + h + " within "
                    + endpoint.connectTimeout().toSeconds() + " s", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new DicomWebException(DicomWebException.Reason.TIMEOUT, what + ": " + h + " did not answer within "
                    + endpoint.readTimeout().toSeconds() + " s", e);
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            return new DicomWebException(DicomWebException.Reason.TLS, what + ": TLS with " + h + " failed ("
                    + e.getMessage() + "); if the server's certificate comes from a private CA, give that CA's file"
                    + " (--ca)", e);
        }
        if (e instanceof ConnectException) {
            return new DicomWebException(DicomWebException.Reason.CONNECTION, what + ": cannot connect to " + h
                    + " (connection refused or unreachable)", e);
        }
        return new DicomWebException(DicomWebException.Reason.CONNECTION, what + ": connection to " + h + " lost ("
                + e.getMessage() + ")", e);
    }

    private String host() {
        URI u = endpoint.baseUri();
        return u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }

    /** UIDs are digits and dots; anything else would change the URL's meaning. */
    private static String uid(String uid) {
        if (uid == null || !uid.matches("[0-9.]{1,64}")) {
            throw new IllegalArgumentException("not a DICOM UID: " + uid);
        }
        return uid;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        http.close();
    }
}
