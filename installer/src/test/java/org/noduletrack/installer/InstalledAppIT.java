package org.noduletrack.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app image and .deb that {@code -Pinstaller} built, run as a user would: the launcher with an environment that has
 * no JDK (no JAVA_HOME, PATH only an empty folder, HOME a temporary folder), against the real LIDC-IDRI-0001 CT, into
 * an isolated library. Linux: the .deb and the tarball are inspected, the .deb's files extracted into a temporary root
 * and started from there.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "noduletrack.installer.dir", matches = ".+",
        disabledReason = "needs the image that -Pinstaller builds (mvn -Pinstaller -pl installer -am verify)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstalledAppIT {
    private static final long IMAGE_BUDGET_BYTES = 150L * 1000 * 1000;
    private static final Pattern FIRST_WINDOW = Pattern.compile("first window shown after (\\d+) ms .*?(-?\\d+) ms CPU");

    private static Path dir;
    private static String name;
    private static Path image;
    private static Path lidc;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void locate() {
        dir = Path.of(System.getProperty("noduletrack.installer.dir"));
        name = System.getProperty("noduletrack.installer.name");
        image = dir.resolve("image").resolve(name);
        lidc = Path.of(System.getProperty("noduletrack.shared.data")).resolve("lidc-idri-0001");
        assertThat(image.resolve("bin").resolve(name)).as("launcher of the built app image").isExecutable();
        assertThat(lidc).isDirectory();
    }

    record Run(int code, String out, String err) {}

    /** Runs the launcher with nothing of the build machine's Java reachable. */
    static Run launch(Path launcher, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", Files.createDirectories(tmp.resolve("empty-path")).toString());
        Path home = Files.createDirectories(tmp.resolve("home"));
        env.put("HOME", home.toString());
        // Java takes user.home from the password database, not $HOME: the settings and default library go here instead.
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        env.put("LANG", "C.UTF-8");
        env.putAll(extraEnv);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish in 5 minutes: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    @Order(1)
    void theImageIsSelfContainedAndWithinItsSizeBudget() throws Exception {
        long bytes = size(image);
        System.out.printf("installer: app image %.1f MB (budget %d MB)%n", bytes / 1e6, IMAGE_BUDGET_BYTES / 1_000_000);
        assertThat(bytes).isLessThanOrEqualTo(IMAGE_BUDGET_BYTES);
        Path runtime = image.resolve("lib/runtime");
        assertThat(runtime.resolve("lib/server/libjvm.so")).isRegularFile();
        // JavaFX's natives beside the JDK's (loaded from there, never extracted to a cache); LWJGL's beside the jars
        assertThat(runtime.resolve("lib/libglass.so")).isRegularFile();
        assertThat(runtime.resolve("lib/libprism_sw.so")).isRegularFile();
        assertThat(image.resolve("lib/app/natives/liblwjgl.so")).isRegularFile();
        assertThat(image.resolve("lib/app/natives/liblwjgl_opengl.so")).isRegularFile();
        assertThat(Files.readString(runtime.resolve("release"))).contains("javafx.controls").contains("java.sql");
    }

    @Test
    @Order(3)
    void versionComesFromTheBundledRuntime() throws Exception {
        Run r = launch(image.resolve("bin").resolve(name), Map.of(), "--version");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("noduletrack 0.").contains("Java 25")
                .contains(" in " + image.resolve("lib/runtime").toRealPath());
    }

    @Test
    @Order(4)
    void importsAndListsTheLidcCaseIntoAnIsolatedLibrary() throws Exception {
        Path library = tmp.resolve("library");
        long dicomFiles = countPart10Files(lidc);
        assertThat(dicomFiles).as("DICOM Part 10 files under %s", lidc).isEqualTo(133);

        Run imported = launch(image.resolve("bin").resolve(name), Map.of(),
                "import", "--library", library.toString(), "--json", lidc.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(imported.out());
        assertThat(report.get("imported").asLong()).isEqualTo(dicomFiles);
        assertThat(report.get("failed").asLong()).isZero();

        Run patients = launch(image.resolve("bin").resolve(name), Map.of(),
                "ls", "patients", "--library", library.toString());
        assertThat(patients.code()).as(patients.err()).isZero();
        assertThat(patients.out()).contains("LIDC-IDRI-0001");
        Run series = launch(image.resolve("bin").resolve(name), Map.of(),
                "ls", "series", "--library", library.toString(), "--json");
        assertThat(series.code()).as(series.err()).isZero();
        JsonNode listed = new ObjectMapper().readTree(series.out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("patientId").asText()).isEqualTo("LIDC-IDRI-0001");
        assertThat(listed.get(0).get("instances").asLong()).isEqualTo(dicomFiles);
        assertThat(library.resolve("library.db")).isRegularFile();
    }

    @Test
    @Order(2)
    void firstStartWithoutALibraryOpensTheWindowAndCreatesTheDemoLibrary() throws Exception {
        try (Xvfb x = Xvfb.start()) {
            Run r = launch(image.resolve("bin").resolve(name), Map.of("DISPLAY", x.display()), "workstation", "--startup-check");

            assertThat(r.code()).as(r.err()).isZero();
            System.out.println("installer: first start (demo library being created), wall (CPU) ms to the first window: " + firstWindowMs(r));
            Path defaultLibrary = tmp.resolve("home/.local/share/noduletrack/library");
            assertThat(r.err()).contains("creating the demo library in " + defaultLibrary);
            assertThat(defaultLibrary.resolve("library.db")).isRegularFile();
            // the per-user class data sharing archive the launcher asks the JVM to write on the first start
            assertThat(tmp.resolve("home/.noduletrack.jsa")).isRegularFile();
        }
    }

    @Test
    @Order(5)
    void startupToTheFirstWindowOnTheImportedLibrary() throws Exception {
        Path library = tmp.resolve("library");
        try (Xvfb x = Xvfb.start()) {
            List<String> ms = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Run r = launch(image.resolve("bin").resolve(name), Map.of("DISPLAY", x.display()),
                        "workstation", "--library", library.toString(), "--startup-check");
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.err()).doesNotContain("creating the demo library")
                        .doesNotContain("Unsupported JavaFX configuration"); // JavaFX runs as named modules
                ms.add(firstWindowMs(r));
            }
            // JavaFX's natives were loaded from the runtime, not extracted to the user's cache
            assertThat(tmp.resolve("home/.openjfx")).doesNotExist();
            // Reported, not asserted: the time depends on the machine and on what else runs on it.
            System.out.printf("installer: start-up to the first window (library with LIDC-IDRI-0001, %d cores), wall (CPU) ms: %s%n",
                    Runtime.getRuntime().availableProcessors(), ms);
        }
    }

    @Test
    @Order(6)
    void theDebHoldsLauncherRuntimeDesktopEntryIconAndDicomAssociation() throws Exception {
        Path deb;
        try (Stream<Path> s = Files.list(dir.resolve("installers"))) {
            deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        System.out.printf("installer: %s %.1f MB%n", deb.getFileName(), Files.size(deb) / 1e6);
        String listing = exec("dpkg-deb", "-c", deb.toString());
        String prefix = "./opt/" + name.toLowerCase() + "/";
        assertThat(listing).contains(prefix + "bin/" + name, prefix + "lib/runtime/lib/server/libjvm.so",
                prefix + "lib/app/desktop-app-", prefix + "lib/" + name + ".png");

        Path root = Files.createDirectories(tmp.resolve("deb-root"));
        exec("dpkg-deb", "-x", deb.toString(), root.toString());
        Path installed = root.resolve(prefix.substring(2));
        String desktop = Files.readString(installed.resolve("lib/" + name.toLowerCase() + "-" + name + ".desktop"));
        assertThat(desktop).contains("Exec=/opt/" + name.toLowerCase() + "/bin/" + name + " %F")
                .contains("Icon=/opt/" + name.toLowerCase() + "/lib/" + name + ".png")
                .contains("MimeType=application/dicom");
        String mime = Files.readString(installed.resolve("lib/" + name.toLowerCase() + "-" + name + "-MimeInfo.xml"));
        assertThat(mime).contains("type=\"application/dicom\"").contains("pattern=\"*.dcm\"");
        byte[] icon = Files.readAllBytes(installed.resolve("lib/" + name + ".png"));
        assertThat(java.util.Arrays.copyOf(icon, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(javax.imageio.ImageIO.read(installed.resolve("lib/" + name + ".png").toFile()).getWidth()).isGreaterThanOrEqualTo(128);
        String control = exec("dpkg-deb", "-I", deb.toString());
        assertThat(control).contains("Package: " + name.toLowerCase()).contains("Architecture: amd64");
        Path scripts = Files.createDirectories(tmp.resolve("deb-control"));
        exec("dpkg-deb", "-e", deb.toString(), scripts.toString());
        assertThat(Files.readString(scripts.resolve("postinst"))).contains("xdg-desktop-menu install").contains("xdg-mime install");

        // What dpkg would put under /opt also runs from any other folder (the tarball is the same image).
        Run r = launch(installed.resolve("bin").resolve(name), Map.of(), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(installed.resolve("lib/runtime").toString());
    }

    @Test
    @Order(7)
    void theTarballIsTheAppImageForUsersWithoutRoot() throws Exception {
        Path tgz;
        try (Stream<Path> s = Files.list(dir.resolve("installers"))) {
            tgz = s.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
        System.out.printf("installer: %s %.1f MB%n", tgz.getFileName(), Files.size(tgz) / 1e6);
        String listing = exec("tar", "-tzvf", tgz.toString());
        assertThat(listing).containsPattern("-rwx.* " + name + "/bin/" + name + "\\R")
                .containsPattern("-rwx.* " + name + "/bin/install-desktop-entry\\R")
                .contains(name + "/lib/runtime/lib/server/libjvm.so", name + "/lib/app/natives/liblwjgl.so");
    }

    /** "wall ms (CPU ms)" from the launcher's start-up marker. */
    @Test
    @Order(8)
    void tarballUsersGetAMenuEntryAndTheDcmAssociationWithoutRoot() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("menu-home"));
        ProcessBuilder pb = new ProcessBuilder(image.resolve("bin/install-desktop-entry").toString()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("XDG_DATA_HOME");
        Process run = pb.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(out).isZero();

        String desktop = Files.readString(home.resolve(".local/share/applications/noduletrack.desktop"));
        assertThat(desktop).contains("Exec=\"" + image.resolve("bin").resolve(name).toRealPath() + "\" %F")
                .contains("Icon=" + image.resolve("lib/" + name + ".png").toRealPath())
                .contains("MimeType=application/dicom;");
        assertThat(image.resolve("lib/" + name + ".png")).isRegularFile();
        assertThat(Files.readString(home.resolve(".local/share/mime/packages/noduletrack-dicom.xml")))
                .contains("type=\"application/dicom\"").contains("pattern=\"*.dcm\"");
    }

    private static String firstWindowMs(Run r) {
        Matcher m = FIRST_WINDOW.matcher(r.out());
        assertThat(m.find()).as("start-up marker in %s / %s", r.out(), r.err()).isTrue();
        return m.group(1) + " (CPU " + m.group(2) + ")";
    }

    private static long countPart10Files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(InstalledAppIT::hasDicmPrefix).count();
        }
    }

    private static boolean hasDicmPrefix(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(132);
            return b.length == 132 && new String(b, 128, 4, StandardCharsets.US_ASCII).equals("DICM");
        } catch (IOException e) {
            return false;
        }
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** A private X server for the window tests; it picks a free display number itself (-displayfd). */
    record Xvfb(Process process, String display) implements AutoCloseable {
        static Xvfb start() throws IOException {
            Path xvfb = Path.of("/usr/bin/Xvfb");
            assertThat(xvfb).as("Xvfb (Debian package xvfb) for the window tests").isExecutable();
            Process p = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-screen", "0", "1600x1000x24",
                    "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            String number = r.readLine();
            if (number == null) {
                p.destroyForcibly();
                throw new IOException("Xvfb did not start");
            }
            return new Xvfb(p, ":" + number.trim());
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
