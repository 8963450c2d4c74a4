import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds the self-contained NoduleTrack app image and this platform's installers with the JDK's own jlink and
 * jpackage (run in-process through {@link ToolProvider}), so the same step works on Linux, Windows and macOS. Run by
 * the installer module's {@code -Pinstaller} profile (exec-maven-plugin) as
 * {@code java BuildPackages.java key=value...}; see installer/README.md for the keys and what each platform needs.
 *
 * <p>Layout: JavaFX's modular jars are linked into the runtime (so JavaFX runs as named modules, not in the
 * "unsupported" class-path configuration) and their native libraries are placed where the JDK's own are; LWJGL's
 * natives are unpacked beside the app jars and found through {@code org.lwjgl.librarypath}, so nothing is extracted
 * to a temporary folder at start-up; everything else runs from the class path, like the {@code noduletrack} script.
 */
public final class BuildPackages {
    private static final String MAIN_CLASS = "org.noduletrack.app.cli.NoduleTrackCli";

    private final Map<String, String> conf;
    private final Path libs;
    private final Path work;
    private final String name;
    private final String version;
    private final boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    private final boolean mac = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac");

    private BuildPackages(Map<String, String> conf) {
        this.conf = conf;
        this.libs = Path.of(required("libs"));
        this.work = Path.of(required("out"));
        this.name = required("name");
        // jpackage wants a numeric version everywhere (MSI: up to three numbers; .deb: starts with a digit)
        this.version = required("version").replaceFirst("-SNAPSHOT$", "");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + a);
            }
            conf.put(a.substring(0, eq), a.substring(eq + 1).trim());
        }
        new BuildPackages(conf).build();
    }

    private String required(String key) {
        String v = conf.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + key + "=...");
        }
        return v;
    }

    private List<String> list(String key) {
        String v = conf.getOrDefault(key, "");
        return v.isBlank() ? List.of() : Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private void build() throws IOException {
        long t0 = System.nanoTime();
        deleteTree(work);
        Path input = Files.createDirectories(work.resolve("input"));
        Path natives = Files.createDirectories(input.resolve("natives"));
        List<Path> javafx = new ArrayList<>();
        String mainJar = null;
        try (Stream<Path> jars = Files.list(libs)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String file = jar.getFileName().toString();
                if (file.startsWith("javafx-")) {
                    if (isModular(jar)) { // the platform jar; the classifier-less one is an empty placeholder
                        javafx.add(jar);
                    }
                } else if (file.contains("-natives-")) {
                    if (file.contains("-" + required("natives") + ".jar")) {
                        extractNativeLibraries(jar, natives);
                    }
                } else if (file.startsWith("sqlite-jdbc-")) {
                    copySqliteForThisPlatform(jar, input.resolve(file));
                } else {
                    Files.copy(jar, input.resolve(file));
                    if (file.startsWith("desktop-app-")) {
                        mainJar = file;
                    }
                }
            }
        }
        if (mainJar == null || javafx.isEmpty()) {
            throw new IllegalStateException("desktop-app and JavaFX jars expected in " + libs);
        }

        Path runtime = work.resolve("runtime");
        List<String> jlink = new ArrayList<>(List.of(
                "--module-path", String.join(java.io.File.pathSeparator, javafx.stream().map(Path::toString).toList()),
                "--add-modules", String.join(",", list("modules")),
                "--include-locales=en,zh",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=zip-6",
                // JavaFX's natives are copied below to where the JDK's are; their copies inside the jars are dead weight
                "--exclude-resources=glob:/javafx.*/*.so,glob:/javafx.*/*.dll,glob:/javafx.*/*.dylib",
                // the default CDS archive for the runtime's own classes: most of JVM start-up is class loading
                "--generate-cds-archive",
                "--output", runtime.toString()));
        tool("jlink", jlink);
        Path nativeDir = runtime.resolve(windows ? "bin" : "lib");
        for (Path jar : javafx) {
            extractNativeLibraries(jar, nativeDir);
        }
        // Only used with heaps over 32 GB (no compressed oops): not worth 15 MB of the download.
        Files.deleteIfExists(runtime.resolve("lib/server/classes_nocoops.jsa"));

        Path icon = icon();
        Path images = work.resolve("image");
        List<String> image = new ArrayList<>(common());
        image.addAll(List.of("--type", "app-image",
                "--runtime-image", runtime.toString(),
                "--input", input.toString(),
                "--main-jar", mainJar,
                "--main-class", MAIN_CLASS,
                "--dest", images.toString(),
                "--icon", icon.toString()));
        for (String option : javaOptions()) {
            image.add("--java-options");
            image.add(option);
        }
        if (mac) {
            image.addAll(List.of("--mac-package-identifier", "org.noduletrack.workstation"));
        }
        tool("jpackage", image);
        Path appImage = images.resolve(mac ? name + ".app" : name);
        if (!windows && !mac) { // the tarball's menu entry and .dcm association, per user (the .deb registers its own)
            Path script = appImage.resolve("bin/install-desktop-entry");
            Files.copy(Path.of(required("icon")).resolveSibling("install-desktop-entry"), script);
            script.toFile().setExecutable(true, false);
        }

        Path installers = Files.createDirectories(work.resolve("installers"));
        for (String type : list("types")) {
            List<String> pkg = new ArrayList<>(common());
            pkg.addAll(List.of("--type", type, "--app-image", appImage.toString(), "--dest", installers.toString(),
                    "--file-associations", fileAssociation().toString()));
            pkg.addAll(platformInstallerOptions(icon));
            tool("jpackage", pkg);
        }
        if (Boolean.parseBoolean(conf.getOrDefault("tarball", "false"))) {
            String arch = System.getProperty("os.arch").replace("amd64", "x64");
            Path tgz = installers.resolve(name + "-" + version + "-linux-" + arch + ".tar.gz");
            run(List.of("tar", "-C", images.toString(), "-czf", tgz.toString(), name));
        }
        System.out.printf(Locale.ROOT, "installer: app image %s (%.1f MB), packages in %s, %.0f s%n", appImage,
                size(appImage) / 1e6, installers, (System.nanoTime() - t0) / 1e9);
    }

    private List<String> common() {
        return List.of("--name", name, "--app-version", version, "--vendor", "NoduleTrack",
                "--copyright", "NoduleTrack contributors; bundled LIDC-IDRI-0001 CT under CC BY 3.0",
                "--description", "Lung-nodule follow-up workstation: import CT, compare prior and current, measure growth");
    }

    /** The launcher's JVM options; $APPDIR is the app folder of the installed image, expanded by the launcher. */
    private List<String> javaOptions() {
        return List.of(
                "-XX:+UseSerialGC",
                // Class data sharing for the app's classes: the first start writes an archive (on top of the
                // runtime's, see --generate-cds-archive) per user, later starts map it and skip most class loading;
                // rewritten when the app changes. Not in the image: it may be read-only (/opt), and 36 MB would break
                // the size budget. The folder must exist (the JVM does not create it, and exits with 1 when it cannot
                // write the archive), hence the home / local-data folder itself.
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + (windows ? "${LOCALAPPDATA}\\noduletrack.jsa"
                        : mac ? "${HOME}/Library/Caches/noduletrack.jsa" : "${HOME}/.noduletrack.jsa"),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                // JavaFX (named modules in the runtime), LWJGL and SQLite (class path) load native code
                "--enable-native-access=javafx.graphics,ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dorg.lwjgl.librarypath=$APPDIR" + (windows ? "\\" : "/") + "natives");
    }

    private List<String> platformInstallerOptions(Path icon) {
        if (windows) {
            return List.of("--win-menu", "--win-menu-group", name, "--win-shortcut", "--win-dir-chooser",
                    "--win-per-user-install", "--win-upgrade-uuid", "6f1b7f0e-3c55-4f7e-9a7e-0c7d2f61b0a1");
        }
        if (mac) {
            return List.of("--mac-package-identifier", "org.noduletrack.workstation");
        }
        return List.of("--linux-package-name", name.toLowerCase(Locale.ROOT), "--linux-shortcut",
                "--linux-menu-group", "Graphics;MedicalSoftware;Science;", "--linux-app-category", "science",
                "--linux-deb-maintainer", "noduletrack@localhost", "--icon", icon.toString(),
                // NoduleTrack.desktop: jpackage's entry plus %F, so a double-clicked .dcm reaches the launcher
                "--resource-dir", icon.getParent().toString());
    }

    /** The .dcm association (jpackage properties file); files opened this way are passed to the launcher. */
    private Path fileAssociation() throws IOException {
        Path p = work.resolve("dcm-association.properties");
        Files.writeString(p, """
                extension=dcm
                mime-type=application/dicom
                description=DICOM image
                """);
        return p;
    }

    /** The committed PNG on Linux; Windows and macOS want .ico / .icns, written around the same PNG. */
    private Path icon() throws IOException {
        Path png = Path.of(required("icon"));
        if (!windows && !mac) {
            return png;
        }
        byte[] data = Files.readAllBytes(png);
        ByteBuffer b;
        if (windows) { // ICONDIR + one ICONDIRENTRY (0 = 256 px) pointing at the PNG (Vista and later)
            b = ByteBuffer.allocate(22 + data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
            b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            b.putInt(data.length).putInt(22).put(data);
        } else { // 'icns' with one 'ic08' (256 px PNG) element
            b = ByteBuffer.allocate(16 + data.length);
            b.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16 + data.length);
            b.put("ic08".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + data.length).put(data);
        }
        Path out = work.resolve(name + (windows ? ".ico" : ".icns"));
        Files.write(out, b.array());
        return out;
    }

    /**
     * sqlite-jdbc carries its native library for 30 platforms (14 MB); the image keeps this platform's only. The driver
     * still extracts it to the temporary folder at start, as it does from any jar.
     */
    private void copySqliteForThisPlatform(Path jar, Path target) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        String natives = "org/sqlite/native/";
        String keep = natives + (windows ? "Windows" : mac ? "Mac" : "Linux") + "/" + arch + "/";
        try (ZipFile in = new ZipFile(jar.toFile());
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            boolean kept = false;
            for (ZipEntry e : in.stream().toList()) {
                if (e.getName().startsWith(natives) && !e.getName().startsWith(keep) && !e.isDirectory()) {
                    continue;
                }
                kept |= e.getName().startsWith(keep) && !e.isDirectory();
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
            if (!kept) {
                throw new IllegalStateException(jar + " has no native library under " + keep);
            }
        }
    }

    private static boolean isModular(Path jar) throws IOException {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.getEntry("module-info.class") != null;
        }
    }

    /** Copies a jar's native libraries (any folder) flat into {@code dir}. */
    private static void extractNativeLibraries(Path jar, Path dir) throws IOException {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (ZipEntry e : z.stream().filter(e -> !e.isDirectory()).toList()) {
                String n = e.getName();
                if (n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib")) {
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, dir.resolve(n.substring(n.lastIndexOf('/') + 1)), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static void tool(String name, List<String> args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException(name + " not found: build with a full JDK 25"));
        System.out.println("installer: " + name + " " + String.join(" ", args));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = tool.run(out, err, args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException(name + " failed with exit code " + code);
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
