package org.noduletrack.archive.dicomweb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.noduletrack.archive.testing.SharedData;

/**
 * Starts one {@link OrthancServer} per test class, loaded with the 133 instances of ../shared/data/lidc-idri-0001
 * through Orthanc's REST API, and hands it to test methods as a parameter. Where Orthanc is not installed the tests
 * are skipped with the command that installs it, except under CI (CI=true), where that is a failure.
 */
public final class OrthancExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    public static final String LIDC = "lidc-idri-0001";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OrthancExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        var installed = OrthancServer.installation();
        if (installed.isEmpty()) {
            String msg = "Orthanc with the DICOMweb plugin is not installed (apt-get install orthanc orthanc-dicomweb;"
                    + " .ci/run installs them)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + ": CI must run the DICOMweb tests");
            }
            Assumptions.abort(msg);
        }
        Path data = SharedData.file(LIDC);
        Path dir = Files.createTempDirectory("noduletrack-orthanc-");
        OrthancServer server = OrthancServer.start(installed.get()[0], installed.get()[1], dir);
        context.getStore(NS).put("dir", dir);
        context.getStore(NS).put("server", server);
        int n = server.upload(OrthancServer.dicomFiles(data));
        if (n != 133) {
            throw new IllegalStateException("expected 133 LIDC-IDRI-0001 instances, uploaded " + n);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        OrthancServer server = context.getStore(NS).remove("server", OrthancServer.class);
        if (server != null) {
            server.close();
        }
        Path dir = context.getStore(NS).remove("dir", Path.class);
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == OrthancServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(NS).get("server", OrthancServer.class);
    }
}
