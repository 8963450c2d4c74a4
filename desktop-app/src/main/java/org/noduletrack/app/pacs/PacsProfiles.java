package org.noduletrack.app.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.noduletrack.dicom.web.DicomWebAuth;
import org.noduletrack.dicom.web.DicomWebEndpoint;
import org.noduletrack.dicom.web.RetryPolicy;

/**
 * The DICOMweb connection profiles, shared by the command line and the workstation: {@code pacs-profiles.json} in the
 * configuration folder (system property {@code noduletrack.config}, else {@code $NODULETRACK_CONFIG}, else {@code $XDG_CONFIG_HOME/noduletrack}, else
 * {@code ~/.config/noduletrack}), and each profile's secret in {@code pacs-secrets/NAME} readable by the owner only
 * (POSIX 600, folder 700; on file systems without POSIX permissions the folder's own protection applies). Secrets are
 * never written to the JSON file, printed or logged. Writes are atomic (temporary file, then rename).
 */
public final class PacsProfiles {
    public static final String FILE = "pacs-profiles.json";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    public PacsProfiles(Path configDir) {
        this.dir = configDir;
    }

    /** The configuration folder used when none is given. */
    public static Path defaultDir() {
        String prop = System.getProperty("noduletrack.config");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String own = System.getenv("NODULETRACK_CONFIG");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("noduletrack");
    }

    public Path dir() { return dir; }

    public synchronized List<PacsProfile> list() throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        JsonNode root = json.readTree(f.toFile());
        List<PacsProfile> out = new ArrayList<>();
        for (JsonNode p : root.path("profiles")) {
            try {
                out.add(new PacsProfile(p.path("name").asText(), URI.create(p.path("url").asText()),
                        PacsProfile.AuthKind.valueOf(p.path("auth").asText("NONE").toUpperCase(java.util.Locale.ROOT)),
                        p.path("user").asText(""),
                        p.hasNonNull("ca") ? Optional.of(Path.of(p.get("ca").asText())) : Optional.empty(),
                        p.path("connectTimeoutSeconds").asInt(10), p.path("readTimeoutSeconds").asInt(60),
                        p.path("retries").asInt(3)));
            } catch (IllegalArgumentException e) {
                throw new IOException(f + ": profile '" + p.path("name").asText() + "' is invalid: " + e.getMessage(), e);
            }
        }
        return out;
    }

    public Optional<PacsProfile> get(String name) throws IOException {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The profile, or an error that lists the ones there are. */
    public PacsProfile require(String name) throws IOException {
        Optional<PacsProfile> p = get(name);
        if (p.isPresent()) {
            return p.get();
        }
        List<String> names = list().stream().map(PacsProfile::name).toList();
        throw new java.io.FileNotFoundException("no PACS profile named '" + name + "' (" + (names.isEmpty()
                ? "none defined; add one with: noduletrack pacs add NAME URL" : "defined: " + String.join(", ", names)) + ")");
    }

    /**
     * Adds or (with {@code replace}) replaces a profile and stores its secret (password for Basic, token for Bearer).
     */
    public synchronized void put(PacsProfile profile, Optional<String> secret, boolean replace) throws IOException {
        if (profile.auth() != PacsProfile.AuthKind.NONE && secret.isEmpty()) {
            throw new IllegalArgumentException("authentication " + profile.auth() + " needs a password or token");
        }
        List<PacsProfile> all = new ArrayList<>(list());
        boolean exists = all.removeIf(p -> p.name().equals(profile.name()));
        if (exists && !replace) {
            throw new FileAlreadyExistsException("a PACS profile named '" + profile.name() + "' exists (use --replace)");
        }
        all.add(profile);
        ensureDir(dir, false);
        Path secrets = dir.resolve("pacs-secrets");
        if (secret.isPresent()) {
            ensureDir(secrets, true);
            writeAtomically(secrets.resolve(profile.name()), secret.get().getBytes(StandardCharsets.UTF_8), true);
        } else {
            Files.deleteIfExists(secrets.resolve(profile.name()));
        }
        save(all);
    }

    public synchronized boolean remove(String name) throws IOException {
        List<PacsProfile> all = new ArrayList<>(list());
        boolean removed = all.removeIf(p -> p.name().equals(name));
        if (removed) {
            save(all);
            Files.deleteIfExists(dir.resolve("pacs-secrets").resolve(name));
        }
        return removed;
    }

    /**
     * Replaces a profile whose secret stays as stored (the settings dialog leaves the password field empty to mean
     * "unchanged"); a profile that now needs a secret it never had is refused.
     */
    public synchronized void replaceKeepingSecret(PacsProfile profile) throws IOException {
        if (profile.auth() != PacsProfile.AuthKind.NONE && !hasSecret(profile.name())) {
            throw new IllegalArgumentException("authentication " + profile.auth() + " needs a password or token");
        }
        List<PacsProfile> all = new ArrayList<>(list());
        all.removeIf(p -> p.name().equals(profile.name()));
        all.add(profile);
        ensureDir(dir, false);
        save(all);
    }

    /** Whether a password or token is stored for the profile (never what it is). */
    public boolean hasSecret(String name) {
        return Files.isRegularFile(dir.resolve("pacs-secrets").resolve(name));
    }

    /** The connection for a profile, with its secret read from the owner-only file. */
    public DicomWebEndpoint endpoint(PacsProfile p) throws IOException {
        return endpoint(p, Optional.empty());
    }

    /** The connection for a profile, with a secret typed but not saved yet (a connection test), else the stored one. */
    public DicomWebEndpoint endpoint(PacsProfile p, Optional<String> unsavedSecret) throws IOException {
        DicomWebAuth auth = switch (p.auth()) {
            case NONE -> DicomWebAuth.none();
            case BASIC -> new DicomWebAuth.Basic(p.user(), unsavedSecret.isPresent() ? unsavedSecret.get() : secret(p));
            case BEARER -> new DicomWebAuth.Bearer(unsavedSecret.isPresent() ? unsavedSecret.get() : secret(p));
        };
        return new DicomWebEndpoint(p.url(), auth, p.caFile(), Duration.ofSeconds(p.connectTimeoutSeconds()),
                Duration.ofSeconds(p.readTimeoutSeconds()),
                new RetryPolicy(p.retries() + 1, Duration.ofMillis(500), Duration.ofSeconds(8)));
    }

    private String secret(PacsProfile p) throws IOException {
        Path f = dir.resolve("pacs-secrets").resolve(p.name());
        if (!Files.isRegularFile(f)) {
            throw new java.io.FileNotFoundException("the secret of PACS profile '" + p.name() + "' is missing (" + f
                    + "); add the profile again");
        }
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    /** Reads a password or token file given on the command line: the first line, without its line end. */
    public static String readSecretFile(Path f) throws IOException {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).replace("\r", "");
        if (line.isEmpty()) {
            throw new IOException(f + " is empty");
        }
        return line;
    }

    private void save(List<PacsProfile> all) throws IOException {
        ObjectNode root = json.createObjectNode();
        ArrayNode arr = root.putArray("profiles");
        for (PacsProfile p : all) {
            ObjectNode o = arr.addObject();
            o.put("name", p.name());
            o.put("url", p.url().toString());
            o.put("auth", p.auth().name().toLowerCase(java.util.Locale.ROOT));
            if (!p.user().isEmpty()) {
                o.put("user", p.user());
            }
            p.caFile().ifPresent(c -> o.put("ca", c.toAbsolutePath().toString()));
            o.put("connectTimeoutSeconds", p.connectTimeoutSeconds());
            o.put("readTimeoutSeconds", p.readTimeoutSeconds());
            o.put("retries", p.retries());
        }
        writeAtomically(dir.resolve(FILE), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), false);
    }

    private static void ensureDir(Path d, boolean ownerOnly) throws IOException {
        Files.createDirectories(d);
        if (ownerOnly && posix(d)) {
            Files.setPosixFilePermissions(d, OWNER_DIR);
        }
    }

    /** The temporary file is created owner-only before any byte of a secret is written to it. */
    private static void writeAtomically(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dirOf = target.getParent();
        Path tmp = posix(dirOf) && ownerOnly
                ? Files.createTempFile(dirOf, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dirOf, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
