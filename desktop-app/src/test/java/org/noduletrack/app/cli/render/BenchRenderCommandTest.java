package org.noduletrack.app.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.cli.BenchRenderCommand;
import picocli.CommandLine;

/** Smoke test of the JSON shape only: no timing is asserted. */
class BenchRenderCommandTest {
    @Test
    void writesJsonWithEveryMeasurement(@TempDir Path tmp) throws Exception {
        Path lidc = RenderCommandTest.lidc();
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchRenderCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path json = tmp.resolve("bench.json");
        int code = cl.execute("--dir", lidc.toString(), "--repeat", "1", "--warmup", "0", "--no-vtk", "--no-gpu",
                "--fresh-jvm-runs", "1", "--out", json.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("volume").asText()).isEqualTo("512x512x133");
        for (String k : new String[] {"firstImageMs", "firstImageWarmMs", "fullLoadMs", "peakHeapBytes", "peakRssBytes"}) {
            assertThat(j.get(k).asDouble()).as(k).isPositive();
        }
        assertThat(j.get("cpu").get("obliqueMs").asDouble()).isPositive();
        assertThat(j.get("cpu").get("slabMs").asDouble()).isPositive();
        assertThat(j.get("gpu").get("skipped").asText()).isEqualTo("--no-gpu");
        assertThat(j.get("vtkImageReslice").get("skipped").asText()).isEqualTo("--no-vtk");
        // fresh JVMs opened the series from a real library: the workstation's way planned it from the index
        JsonNode fresh = j.get("freshJvm");
        assertThat(fresh.get("baselineVersionJvmMs").asDouble()).isPositive();
        assertThat(fresh.get("baselineReadFileJvmMs").asDouble()).isPositive();
        for (String mode : new String[] {"workstation", "everyHeaderPlan"}) {
            JsonNode m = fresh.get(mode);
            assertThat(m.get("seriesOpenToFirstImageMs").asDouble()).as(mode).isPositive()
                    .isLessThan(m.get("processStartToFirstImageMs").asDouble());
            assertThat(m.get("phaseMs").get("firstImage").asDouble()).as(mode).isPositive();
        }
        assertThat(fresh.get("workstation").get("plannedFromIndex").asBoolean()).isTrue();
        assertThat(fresh.get("everyHeaderPlan").get("plannedFromIndex").asBoolean()).isFalse();
    }
}
