package org.noduletrack.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Where a benchmark ran: results are only comparable on the same JDK, CPU and core count. */
public record BenchMachine(String jdk, String cpu, int cores) {
    public static BenchMachine current() {
        return new BenchMachine(Runtime.version().toString(), cpuModel(), Runtime.getRuntime().availableProcessors());
    }

    /** Adds "jdk", {@code cpuKey} and "cores" to a JSON result map. */
    public void putInto(Map<String, Object> result, String cpuKey) {
        result.put("jdk", jdk);
        result.put(cpuKey, cpu);
        result.put("cores", cores);
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch"); // not Linux: the architecture is the best we know
        }
    }
}
