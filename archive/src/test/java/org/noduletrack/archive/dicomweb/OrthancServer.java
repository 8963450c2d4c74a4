package org.noduletrack.archive.dicomweb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.noduletrack.dicom.web.DicomWebAuth;
import org.noduletrack.dicom.web.DicomWebEndpoint;
import org.noduletrack.dicom.web.RetryPolicy;

/**
 * A real Orthanc with the DICOMweb plugin on 127.0.0.1, on a free port, with its own configuration (authentication
 * on, no remote access, no DICOM port) and storage under a temporary directory. Stopped by its own process handle
 * (and by a shutdown hook if the JVM ends first); never touches a system Orthanc.
 */
public final class OrthancServer implements AutoCloseable {
    public static final String USER = "noduletrack";
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/Orthanc"), Path.of("/usr/bin/Orthanc"),
            Path.of("/usr/local/bin/Orthanc"));
    private static final List<Path> PLUGINS = List.of(Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so"),
            Path.of("/usr/lib/orthanc/plugins/libOrthancDicomWeb.so"),
            Path.of("/usr/local/share/orthanc/plugins/libOrthancDicomWeb.so"));

    private final Path binary;
    private final Path dir;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process process;
    private Thread hook;

    private OrthancServer(Path binary, Path plugin, Path dir) throws IOException {
        this.binary = binary;
        this.dir = dir;
        this.port = freePort();
        Files.createDirectories(dir.resolve("storage"));
        String config = """
                {
                  "Name": "noduletrack-test",
                  "HttpPort": %d,
                  "DicomServerEnabled": false,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": true,
                  "RegisteredUsers": { "%s": "%s" },
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "Plugins": [ "%s" ],
                  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" },
                  "HttpTimeout": 60,
                  "StableAge": 1
                }
                """.formatted(port, USER, password, dir.resolve("storage"), dir.resolve("storage"), plugin);
        Files.writeString(dir.resolve("orthanc.json"), config);
    }

    /** Where Orthanc is installed, if it is. */
    public static Optional<Path[]> installation() {
        Optional<Path> bin = BINARIES.stream().filter(Files::isExecutable).findFirst();
        Optional<Path> plugin = PLUGINS.stream().filter(Files::isRegularFile).findFirst();
        return bin.isPresent() && plugin.isPresent() ? Optional.of(new Path[] {bin.get(), plugin.get()}) : Optional.empty();
    }

    public static OrthancServer start(Path binary, Path plugin, Path dir) throws IOException {
        OrthancServer s = new OrthancServer(binary, plugin, dir);
        s.launch();
        return s;
    }

    /** Starts (again) on the same port, configuration and storage. */
    public void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        process = new ProcessBuilder(binary.toString(), dir.resolve("orthanc.json").toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("orthanc.log").toFile())).start();
        Process p = process;
        hook = new Thread(() -> p.toHandle().destroyForcibly(), "orthanc-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("Orthanc exited with " + p.exitValue() + " at start; log: " + logTail());
            }
            try {
                if (get("/system").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IOException("Orthanc did not answer on port " + port + " within 60 s; log: " + logTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** SIGKILL by the process's own PID: the way a crash or power cut looks to a client. */
    public void kill() {
        if (process == null) {
            return;
        }
        ProcessHandle h = process.toHandle();
        h.destroyForcibly();
        h.onExit().join();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down
        }
    }

    public long pid() { return process.pid(); }

    public int port() { return port; }

    public URI dicomWebRoot() { return URI.create("http://127.0.0.1:" + port + "/dicom-web/"); }

    public DicomWebAuth auth() { return new DicomWebAuth.Basic(USER, password); }

    public String password() { return password; }

    public DicomWebEndpoint endpoint() {
        return new DicomWebEndpoint(dicomWebRoot(), auth(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(30),
                new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(200)));
    }

    /** Stores files through Orthanc's own REST API (POST /instances); returns how many it accepted. */
    public int upload(List<Path> files) throws IOException {
        int ok = 0;
        for (Path f : files) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/instances"))
                    .POST(HttpRequest.BodyPublishers.ofFile(f)).header("Content-Type", "application/dicom"));
            if (r.statusCode() != 200) {
                throw new IOException("Orthanc refused " + f + ": HTTP " + r.statusCode() + " " + r.body());
            }
            ok++;
        }
        return ok;
    }

    /** Removes an instance by SOP Instance UID through the REST API (tests that add to the study clean up after). */
    public void deleteInstance(String sopUid) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(sopUid)));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"ID\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        while (m.find()) {
            send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/instances/" + m.group(1))).DELETE());
        }
    }

    /** Every DICOM file under a folder (the LIDC folder also holds its ATTRIBUTION text). */
    public static List<Path> dicomFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return new ArrayList<>(s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList());
        }
    }

    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(b.header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String logTail() {
        try {
            String log = Files.readString(dir.resolve("orthanc.log"));
            return log.substring(Math.max(0, log.length() - 2000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        kill();
        http.close();
    }
}
