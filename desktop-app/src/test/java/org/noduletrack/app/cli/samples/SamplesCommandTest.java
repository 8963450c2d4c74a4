package org.noduletrack.app.cli.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.cli.SamplesCommand;
import picocli.CommandLine;

class SamplesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new SamplesCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void generateWritesSeriesAndGroundTruth() throws Exception {
        assertThat(run("generate", "--out", dir.toString(), "--seed", "5", "--timepoints", "1", "--json")).isZero();
        assertThat(out.toString()).contains("\"nodules\"");
        assertThat(dir.resolve("ground-truth.json")).exists();
        assertThat(dir.resolve("ATTRIBUTION.txt")).exists();
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("tp0-")).count()).isEqualTo(1);
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("generate", "--seed", "5")).isEqualTo(2); // --out missing
        assertThat(run("generate", "--out", dir.toString(), "--timepoints", "0")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void attributionAndList() {
        assertThat(run("attribution")).isZero();
        assertThat(out.toString()).contains("CC BY 3.0");
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("lidc-idri-0001/000001.dcm");
    }
}
