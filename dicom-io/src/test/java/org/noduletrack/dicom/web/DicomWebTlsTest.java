package org.noduletrack.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against an in-JVM HTTPS server whose certificate comes from a private CA (made with the JDK's keytool): refused
 * with a message naming --ca without the CA file, accepted with it.
 */
class DicomWebTlsTest {
    private static void keytool(Path dir, String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void privateCaIsTrustedOnlyWhenGiven(@TempDir Path dir) throws Exception {
        char[] pw = "changeit".toCharArray();
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", "server.p12", "-storetype",
                "PKCS12", "-storepass", "changeit");
        keytool(dir, "-exportcert", "-rfc", "-alias", "server", "-keystore", "server.p12", "-storepass", "changeit",
                "-file", "ca.pem");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, pw);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/dicom-web/studies", ex -> {
            byte[] body = "[]".getBytes();
            ex.getResponseHeaders().set("Content-Type", "application/dicom+json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web/");
            DicomWebEndpoint plain = new DicomWebEndpoint(base, DicomWebAuth.none(), Optional.empty(), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), RetryPolicy.none());
            try (DicomWebClient c = new DicomWebClient(plain)) {
                assertThatThrownBy(() -> c.searchStudies(QidoQuery.all())).isInstanceOf(DicomWebException.class)
                        .hasMessageContaining("TLS with 127.0.0.1:").hasMessageContaining("(--ca)")
                        .satisfies(e -> assertThat(((DicomWebException) e).reason()).isEqualTo(DicomWebException.Reason.TLS));
            }
            DicomWebEndpoint withCa = new DicomWebEndpoint(base, DicomWebAuth.none(), Optional.of(dir.resolve("ca.pem")),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), RetryPolicy.none());
            try (DicomWebClient c = new DicomWebClient(withCa)) {
                assertThat(c.searchStudies(QidoQuery.all())).isEmpty();
            }
            Files.writeString(dir.resolve("empty.pem"), "not a certificate");
            assertThatThrownBy(() -> new DicomWebClient(new DicomWebEndpoint(base, DicomWebAuth.none(),
                    Optional.of(dir.resolve("empty.pem")), Duration.ofSeconds(5), Duration.ofSeconds(5), RetryPolicy.none())))
                    .isInstanceOf(DicomWebException.class).hasMessageContaining("empty.pem");
        } finally {
            server.stop(0);
        }
    }
}
