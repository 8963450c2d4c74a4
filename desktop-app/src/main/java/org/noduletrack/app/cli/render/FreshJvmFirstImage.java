package org.noduletrack.app.cli.render;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.index.InstanceRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.app.workspace.SeriesVolumes;

/**
 * First image in a fresh JVM, the way a user meets it: the series is imported into a real library (a temporary one),
 * then for each run a new JVM is started with exactly this JVM's launcher options (so the class data sharing archive of
 * {@code ./noduletrack} is used as it would be) and runs {@link FirstImageProbe}. Baselines in the same run: a JVM that
 * prints {@code --version}, and one that only reads the bytes of the file the first plane needs.
 *
 * <p>Times are taken from the parent's clock at process start to the child's phase marks; on Linux both use the same
 * monotonic clock (System.nanoTime), which is checked for plausibility.
 */
public final class FreshJvmFirstImage {
    private static final String MAIN = "org.noduletrack.app.cli.NoduleTrackCli";

    private final int runs;
    private final PrintWriter err;

    public FreshJvmFirstImage(int runs, PrintWriter err) {
        this.runs = runs;
        this.err = err;
    }

    /** Imports {@code seriesDir} into a temporary library and measures; the library is deleted afterwards. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> measure(Path seriesDir) throws Exception {
        Path lib = Files.createTempDirectory("noduletrack-bench-library-");
        try {
            String uid;
            Path middleFile;
            long i0 = System.nanoTime();
            try (Library l = Library.open(lib)) {
                l.importer(ImportOptions.defaults()).importPaths(List.of(seriesDir), ImportListener.NONE, new CancelToken());
                SeriesRecord s = l.store().series().stream().filter(r -> "CT".equalsIgnoreCase(r.modality()))
                        .max(java.util.Comparator.comparingInt(SeriesRecord::instances))
                        .orElseThrow(() -> new IllegalStateException("no CT series imported from " + seriesDir));
                uid = s.uid().value();
                List<InstanceRecord> inst = l.store().instances(s.uid());
                middleFile = l.file(inst.get(inst.size() / 2).filePath());
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("libraryImportMs", ms(System.nanoTime() - i0));
            r.put("launcherOptions", launcherOptions());
            archiveState(r);
            // one unmeasured run first: when ./noduletrack has no class data sharing archive yet, this run creates it
            // (with the classes of opening a series), as a first workstation session after an install would
            child(probeArgs(lib, uid, SeriesVolumes.Planning.INDEX_WHEN_REGULAR));
            List<Map<String, Long>> indexed = new ArrayList<>(), everyHeader = new ArrayList<>();
            double[] version = new double[runs], read = new double[runs];
            for (int i = 0; i < runs; i++) { // interleaved, so that other load on the machine hits all alike
                version[i] = child(List.of("--version")).exitMs;
                read[i] = relative(child(List.of("bench", "render", "--probe-read", middleFile.toString())), "fileRead");
                indexed.add(child(probeArgs(lib, uid, SeriesVolumes.Planning.INDEX_WHEN_REGULAR)).marks);
                everyHeader.add(child(probeArgs(lib, uid, SeriesVolumes.Planning.EVERY_HEADER)).marks);
            }
            r.put("runs", runs);
            r.put("baselineVersionJvmMs", median(version));
            r.put("baselineReadFileJvmMs", median(read));
            Map<String, Object> workstation = summary(indexed);
            r.put("workstation", workstation);
            r.put("everyHeaderPlan", summary(everyHeader));
            double total = (double) workstation.get("processStartToFirstImageMs");
            r.put("ratioToVersionJvm", Math.round(total / median(version) * 100) / 100.0);
            r.put("note", "medians of " + runs + " fresh JVMs each; workstation: SeriesVolumes as the workstation uses it"
                    + " (regular CT planned from the library index); everyHeaderPlan: the same with every header read first"
                    + " (the previous way); phaseMs: wall time of each phase (main = JVM start, command-line parsing and"
                    + " logging set-up); seriesOpen = the workstation's click-to-image (library already open);"
                    + " phaseProcessCpuMs: CPU time of all the child's threads in the phase (less sensitive to other load)");
            Map<String, Object> eh = (Map<String, Object>) r.get("everyHeaderPlan");
            err.printf(Locale.ROOT, "fresh JVM: first image %.0f ms after process start, series open to image %.0f ms"
                    + " (every header: %.0f ms); --version JVM %.0f ms, read-one-file JVM %.0f ms%n", total,
                    workstation.get("seriesOpenToFirstImageMs"), eh.get("seriesOpenToFirstImageMs"), median(version), median(read));
            return r;
        } finally {
            SyntheticCt.delete(lib);
        }
    }

    private static List<String> probeArgs(Path lib, String uid, SeriesVolumes.Planning planning) {
        return List.of("bench", "render", "--probe-first-image", lib.toString(), uid, planning.name());
    }

    private static Map<String, Object> summary(List<Map<String, Long>> probes) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> phases = new LinkedHashMap<>(), cpu = new LinkedHashMap<>();
        String prev = "start";
        for (String p : List.of("main", "libraryOpen", "seriesFound", "planned", "slicesLoaded", "firstImage")) {
            String from = prev;
            phases.put(p, median(probes.stream().mapToDouble(m -> (m.get(p) - m.get(from)) / 1e6).toArray()));
            cpu.put(p, median(probes.stream().filter(m -> m.containsKey("cpu." + p))
                    .mapToDouble(m -> (m.get("cpu." + p) - (from.equals("start") ? 0 : m.get("cpu." + from))) / 1e6).toArray()));
            prev = p;
        }
        double[] total = probes.stream().mapToDouble(m -> (m.get("firstImage") - m.get("start")) / 1e6).toArray();
        double[] open = probes.stream().mapToDouble(m -> (m.get("firstImage") - m.get("seriesFound")) / 1e6).toArray();
        double[] openCpu = probes.stream().filter(m -> m.containsKey("cpu.firstImage"))
                .mapToDouble(m -> (m.get("cpu.firstImage") - m.get("cpu.seriesFound")) / 1e6).toArray();
        r.put("processStartToFirstImageMs", median(total));
        r.put("processStartToFirstImageAllMs", sorted(total));
        r.put("seriesOpenToFirstImageMs", median(open));
        r.put("seriesOpenToFirstImageAllMs", sorted(open));
        r.put("seriesOpenToFirstImageCpuMs", median(openCpu));
        r.put("phaseMs", phases);
        r.put("phaseProcessCpuMs", cpu);
        r.put("plannedFromIndex", probes.stream().allMatch(m -> m.getOrDefault("plannedFromIndex", 0L) == 1));
        r.put("slicesLoadedAtFirstImage", median(probes.stream().mapToDouble(m -> m.get("loadedAtFirstImage")).toArray()));
        return r;
    }

    private record Child(Map<String, Long> marks, double exitMs) {}

    /** Starts a JVM like this one with {@code args}; marks are the child's phase times, plus "start" (ours). */
    private Child child(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(launcherOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p = pb.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish: " + args);
        }
        double exitMs = ms(System.nanoTime() - start);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("child JVM failed (exit " + p.exitValue() + "): " + args + ": " + lines);
        }
        Map<String, Long> marks = new LinkedHashMap<>(FirstImageProbe.parse(lines));
        marks.put("start", start);
        if (marks.containsKey("main")) {
            long d = marks.get("main") - start;
            if (d < 0 || d > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("the child's System.nanoTime() is not this process's clock: this"
                        + " measurement needs Linux (CLOCK_MONOTONIC)");
            }
        }
        return new Child(marks, exitMs);
    }

    /** This JVM's options (those ./noduletrack passed, including the class data sharing archive). */
    private static List<String> launcherOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private static void archiveState(Map<String, Object> r) {
        for (String o : launcherOptions()) {
            if (o.startsWith("-XX:SharedArchiveFile=") || o.startsWith("-XX:AOTCache=")) {
                Path a = Path.of(o.substring(o.indexOf('=') + 1));
                r.put("classDataArchive", a.getFileName().toString());
                r.put("classDataArchiveExistedBefore", Files.isRegularFile(a));
            }
        }
    }

    private static double relative(Child c, String mark) {
        return c.marks.containsKey(mark) ? ms(c.marks.get(mark) - c.marks.get("start")) : c.exitMs;
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.round(s[i] * 10) / 10.0;
        }
        return s;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return Math.round(s[s.length / 2] * 10) / 10.0;
    }

    private static double ms(long nanos) { return Math.round(nanos / 1e4) / 100.0; }
}
