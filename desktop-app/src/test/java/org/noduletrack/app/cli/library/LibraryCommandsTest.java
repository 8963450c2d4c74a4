package org.noduletrack.app.cli.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.cli.ImportCommand;
import org.noduletrack.app.cli.LsCommand;
import org.noduletrack.app.cli.RmCommand;
import picocli.CommandLine;

class LibraryCommandsTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Path shared(String rel) {
        String prop = System.getProperty("noduletrack.shared.data");
        Path p = (prop != null ? Path.of(prop) : Path.of("../../shared/data")).resolve(rel);
        Assumptions.assumeTrue(Files.exists(p), "missing shared data " + p);
        return p;
    }

    @Test
    void importLsRmRoundTrip() throws Exception {
        Path lib = tmp.resolve("lib");
        Path lidc = shared("lidc-idri-0001");
        Result imp = run(new ImportCommand(), lidc.toString(), "--library", lib.toString(), "--json");
        assertThat(imp.code()).as(imp.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(imp.out());
        assertThat(report.get("imported").asLong()).isEqualTo(133);
        assertThat(report.get("duplicates").asLong()).isZero();
        assertThat(report.get("skipped").asLong()).isEqualTo(2);
        assertThat(report.get("failed").asLong()).isZero();
        assertThat(imp.err()).contains("import:"); // plain progress lines when not a terminal

        Result again = run(new ImportCommand(), lidc.toString(), "--library", lib.toString(), "--json");
        assertThat(new ObjectMapper().readTree(again.out()).get("duplicates").asLong()).isEqualTo(133);

        Result ls = run(new LsCommand(), "series", "--library", lib.toString(), "--json");
        assertThat(ls.code()).isZero();
        JsonNode series = new ObjectMapper().readTree(ls.out());
        assertThat(series.isArray()).isTrue();
        assertThat(series).hasSize(1);
        JsonNode s = series.get(0);
        assertThat(s.get("instances").asInt()).isEqualTo(133);
        assertThat(s.get("patientId").asText()).isEqualTo("LIDC-IDRI-0001");
        assertThat(s.get("modality").asText()).isEqualTo("CT");
        assertThat(s.has("seriesDescription")).isTrue();
        assertThat(s.get("seriesInstanceUID").asText()).startsWith("1.3.6.1.4.1.14519");
        String study = s.get("studyInstanceUID").asText();

        JsonNode patients = new ObjectMapper().readTree(run(new LsCommand(), "patients", "--library", lib.toString(),
                "--json").out());
        assertThat(patients).hasSize(1);
        JsonNode studies = new ObjectMapper().readTree(run(new LsCommand(), "studies", "--patient", "LIDC-IDRI-0001",
                "--library", lib.toString(), "--json").out());
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).get("instances").asInt()).isEqualTo(133);
        assertThat(new ObjectMapper().readTree(run(new LsCommand(), "studies", "--patient", "nobody", "--library",
                lib.toString(), "--json").out())).isEmpty();

        Result rm = run(new RmCommand(), "--study", study, "--library", lib.toString());
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(rm.out()).contains("133 instances");
        assertThat(new ObjectMapper().readTree(run(new LsCommand(), "series", "--library", lib.toString(), "--json").out()))
                .isEmpty();
        try (var files = Files.walk(lib.resolve("store"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isZero();
        }

        Result rmAgain = run(new RmCommand(), "--study", study, "--library", lib.toString());
        assertThat(rmAgain.code()).isEqualTo(3);
        assertThat(rmAgain.err().strip()).startsWith("noduletrack rm: no study").doesNotContain("\n");
    }

    @Test
    void textReportAndOneLineErrors() {
        Path lib = tmp.resolve("lib");
        Result imp = run(new ImportCommand(), shared("pydicom-dicomdir/TINY_ALPHA").toString(), "--library", lib.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("imported 50").contains("patient 12345678").contains("skipped README");

        Result missing = run(new ImportCommand(), tmp.resolve("nope").toString(), "--library", lib.toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err().strip()).startsWith("noduletrack import: no such file").doesNotContain("\n");
    }

    @Test
    void libraryComesFromTheEnvironmentVariableWhenNotGiven() {
        // LibraryLocation is tested in archive; here only the option wiring: an explicit --library wins
        LibraryOption o = new LibraryOption();
        o.library = tmp.resolve("x");
        assertThat(o.resolve()).isEqualTo(tmp.resolve("x").toAbsolutePath().normalize());
    }
}
