package org.noduletrack.samples;

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

/**
 * The bundled sample data, each file listed with its SHA-256 (the hash-reference idea of 3D Slicer's test data): reads
 * verify the hash, so a truncated jar or a damaged installation fails loudly instead of showing wrong pixels.
 *
 * <p>Files are class-path resources under {@code org/noduletrack/samples/}, so the same code works from the build tree,
 * a jar and a jlink image. Immutable; safe to share.
 */
public final class SampleCatalog {
    /** The one real CT we ship: LIDC-IDRI-0001, JPEG-LS lossless. */
    public static final String LIDC_0001 = "lidc-idri-0001";
    public static final String CATALOG_NAME = "catalog.tsv";
    static final String RESOURCE_ROOT = "/org/noduletrack/samples/";
    static final String ATTRIBUTION_NAME = "ATTRIBUTION.txt";

    private final Class<?> anchor;
    private final List<SampleFile> files;

    private SampleCatalog(Class<?> anchor, List<SampleFile> files) {
        this.anchor = anchor;
        this.files = List.copyOf(files);
    }

    /** The catalog shipped in this module's resources. */
    public static SampleCatalog bundled() {
        try (InputStream in = SampleCatalog.class.getResourceAsStream(RESOURCE_ROOT + CATALOG_NAME)) {
            if (in == null) {
                throw new IllegalStateException("sample catalog " + RESOURCE_ROOT + CATALOG_NAME + " missing from the class path");
            }
            return new SampleCatalog(SampleCatalog.class, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SampleFile> parse(String tsv) {
        List<SampleFile> out = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IllegalStateException("malformed catalog line: " + line);
            }
            out.add(new SampleFile(f[0], f[1], f[2], Long.parseLong(f[3].strip())));
        }
        return out;
    }

    public List<SampleFile> files() { return files; }

    /** The files of one fixture, in catalog (= file name) order. */
    public List<SampleFile> files(String fixture) {
        List<SampleFile> out = files.stream().filter(f -> f.fixture().equals(fixture)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no bundled fixture " + fixture);
        }
        return out;
    }

    /** Total bytes of a fixture. */
    public long sizeBytes(String fixture) {
        return files(fixture).stream().mapToLong(SampleFile::sizeBytes).sum();
    }

    /** The file's bytes, verified against its SHA-256. */
    public byte[] read(SampleFile file) throws IOException {
        byte[] bytes;
        try (InputStream in = anchor.getResourceAsStream(RESOURCE_ROOT + file.path())) {
            if (in == null) {
                throw new SampleIntegrityException("bundled file " + file.path() + " is missing");
            }
            bytes = in.readAllBytes();
        }
        String actual = sha256(bytes);
        if (bytes.length != file.sizeBytes() || !actual.equals(file.sha256())) {
            throw new SampleIntegrityException("bundled file " + file.path() + " is damaged: SHA-256 " + actual
                    + " (" + bytes.length + " bytes), catalog says " + file.sha256() + " (" + file.sizeBytes() + " bytes)");
        }
        return bytes;
    }

    /** Copies a fixture's files (verified) into {@code dir}, e.g. for an import into the archive; returns the paths. */
    public List<Path> extract(String fixture, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (SampleFile f : files(fixture)) {
            Path p = dir.resolve(f.fileName());
            Files.write(p, read(f));
            out.add(p);
        }
        return out;
    }

    /**
     * The attribution the CC BY 3.0 license requires (citations, license, changes made), as plain text for the
     * About box and for the demo patient's folder.
     */
    public String attributionText() {
        try (InputStream in = anchor.getResourceAsStream(RESOURCE_ROOT + ATTRIBUTION_NAME)) {
            if (in == null) {
                throw new IllegalStateException("attribution resource missing: " + RESOURCE_ROOT + ATTRIBUTION_NAME);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Class-path name of the attribution text, for UIs that load resources themselves. */
    public static String attributionResource() { return RESOURCE_ROOT + ATTRIBUTION_NAME; }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
