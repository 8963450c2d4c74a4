package org.noduletrack.dicom.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent DICOM readers the oracle tests compare against, run as subprocesses: pydicom 2.3 under the system
 * Python (Debian package python3-pydicom; deliberately not whatever python3 is first on PATH, which may be a pyenv
 * interpreter without pydicom) and dcmtk's dcmdump. A missing oracle skips the test; CI installs both.
 */
final class Oracles {
    private Oracles() {}

    /** Override with -Dnoduletrack.oracle.python=/path/to/python3 (it must have pydicom 2.3 or a later 2.x). */
    static Path python() {
        return Path.of(System.getProperty("noduletrack.oracle.python", "/usr/bin/python3"));
    }

    /** Override with -Dnoduletrack.oracle.dcmdump=/path/to/dcmdump. */
    static Path dcmdump() {
        return Path.of(System.getProperty("noduletrack.oracle.dcmdump", "/usr/bin/dcmdump"));
    }

    private static volatile String pydicomVersion;

    /** Skips the calling test unless the system Python has pydicom 2.3 or later 2.x (the API the scripts use). */
    static String assumePydicom() {
        if (pydicomVersion != null) {
            return pydicomVersion;
        }
        Path py = python();
        Assumptions.assumeTrue(Files.isExecutable(py), "oracle interpreter " + py + " not installed");
        Result r = run(List.of(py.toString(), "-c", "import pydicom; print(pydicom.__version__)"), "", 60);
        Assumptions.assumeTrue(r.exitCode() == 0, () -> "pydicom is not importable by " + py + ": " + r.stderr());
        String v = r.stdout().strip();
        String[] parts = v.split("\\.");
        boolean usable = parts.length >= 2 && parts[0].equals("2") && Integer.parseInt(parts[1].replaceAll("\\D.*", "")) >= 3;
        Assumptions.assumeTrue(usable, "the oracle scripts are written for pydicom 2.3+ (2.x); found " + v);
        pydicomVersion = v;
        return v;
    }

    static void assumeDcmdump() {
        Path d = dcmdump();
        Assumptions.assumeTrue(Files.isExecutable(d), "dcmtk's dcmdump not installed at " + d);
    }

    /**
     * Runs one of the Python scripts of this package (a test resource) with {@code inputLines} on stdin, one JSON object
     * per output line expected.
     */
    static List<Map<String, Object>> runPythonScript(String resource, List<String> inputLines, int timeoutSeconds) {
        Path script = extractResource(resource);
        try {
            Result r = run(List.of(python().toString(), script.toString()), String.join("\n", inputLines) + "\n",
                    timeoutSeconds);
            if (r.exitCode() != 0) {
                throw new AssertionError(resource + " failed with exit code " + r.exitCode() + ":\n" + r.stderr());
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : r.stdout().split("\n")) {
                if (!line.isBlank()) {
                    out.add(MiniJson.object(line));
                }
            }
            return out;
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file; nothing to do
            }
        }
    }

    private static Path extractResource(String resource) {
        try (InputStream in = Oracles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " missing next to " + Oracles.class);
            }
            Path tmp = Files.createTempFile("noduletrack-oracle-", "-" + resource);
            Files.write(tmp, in.readAllBytes());
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a command; stdout and stderr go through temp files so that neither pipe can fill up and stall it. */
    static Result run(List<String> command, String stdin, int timeoutSeconds) {
        Path out = null, err = null, in = null;
        try {
            out = Files.createTempFile("noduletrack-oracle-", ".out");
            err = Files.createTempFile("noduletrack-oracle-", ".err");
            in = Files.createTempFile("noduletrack-oracle-", ".in");
            Files.writeString(in, stdin, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("PYTHONIOENCODING", "utf-8");
            pb.environment().remove("PYTHONPATH"); // the system pydicom, not one from a developer's environment
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            for (Path p : new Path[] {out, err, in}) {
                if (p != null) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // a temp file; nothing to do
                    }
                }
            }
        }
    }

    static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
