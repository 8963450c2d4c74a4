package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.noduletrack.app.cli.library.SyntheticStudies;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.index.PatientRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import benchmark, JSON on stdout.",
                "1. Import of DIR (default: lidc-idri-0001 of the shared data) into a fresh library, against a plain"
                        + " sequential copy of the same files in the same run (median of --repeat runs each; the copy is not fsynced,"
                        + " the import is), after --warmup unmeasured rounds.",
                "2. A generated library: --studies studies with --instances small synthetic header-only CT files in all"
                        + " (real files through the real import pipeline): import rate, then the latency of a patient"
                        + " timeline query (studies + series of one patient) and of listing every series."})
public final class BenchImportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "folder to import")
    Path dir;

    @Option(names = "--repeat", defaultValue = "3")
    int repeat;

    @Option(names = "--warmup", defaultValue = "2",
            description = "unmeasured copy + import rounds first, so that the JIT has compiled the import path")
    int warmup;

    @Option(names = "--studies", defaultValue = "200")
    int studies;

    @Option(names = "--instances", defaultValue = "60000")
    int instances;

    @Option(names = "--patients", defaultValue = "50")
    int patients;

    @Option(names = "--work", description = "scratch folder (default: a temporary folder, deleted afterwards)")
    Path work;

    @Option(names = "--out", description = "also write the JSON result to this file")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path data = dir != null ? dir : Path.of(System.getProperty("noduletrack.shared.data", "../shared/data"), "lidc-idri-0001");
        boolean ownWork = work == null;
        Path scratch = ownWork ? Files.createTempDirectory("noduletrack-bench") : Files.createDirectories(work);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "import");
        BenchMachine.current().putInto(r, "cpu");
        r.put("scratch", scratch.toString());
        try {
            r.put("folder", folderVersusCopy(data, scratch, err));
            if (studies > 0 && instances > 0) {
                r.put("generated", generated(scratch, err)); // --studies 0 or --instances 0: folder part only
            }
        } finally {
            if (ownWork) {
                deleteTree(scratch);
            }
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        spec.commandLine().getOut().println(json);
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, json + "\n");
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> folderVersusCopy(Path data, Path scratch, PrintWriter err) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        long bytes = 0;
        for (Path p : files) {
            bytes += Files.size(p);
        }
        double[] copy = new double[repeat];
        double[] imp = new double[repeat];
        double[] impNoSync = new double[repeat];
        double[] open = new double[repeat];
        double[] copyCpu = new double[repeat];
        double[] impCpu = new double[repeat];
        long imported = 0;
        for (int w = 0; w < warmup; w++) {
            Path target = scratch.resolve("warmup-copy");
            for (Path p : files) {
                Path dest = target.resolve(data.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest);
            }
            deleteTree(target);
            Path lib = scratch.resolve("warmup-lib");
            try (Library l = Library.open(lib)) {
                l.importer(ImportOptions.defaults()).importPaths(List.of(data), ImportListener.NONE, new CancelToken());
            }
            deleteTree(lib);
        }
        if (warmup > 0) {
            err.printf("%d warm-up rounds done%n", warmup);
        }
        for (int i = 0; i < repeat; i++) {
            Path target = scratch.resolve("copy-" + i);
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (Path p : files) {
                Path dest = target.resolve(data.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest);
            }
            copy[i] = (System.nanoTime() - t0) / 1e9;
            copyCpu[i] = (processCpuNanos() - c0) / 1e9;
            deleteTree(target);
            Path lib = scratch.resolve("lib-" + i);
            // Opening (and migrating) a library happens once per session, not per import: timed separately.
            try (Library l = Library.open(lib)) {
                c0 = processCpuNanos();
                t0 = System.nanoTime();
                ImportReport rep = l.importer(ImportOptions.defaults()).importPaths(List.of(data), ImportListener.NONE,
                        new CancelToken());
                imp[i] = (System.nanoTime() - t0) / 1e9;
                impCpu[i] = (processCpuNanos() - c0) / 1e9;
                imported = rep.imported();
            }
            deleteTree(lib);
            t0 = System.nanoTime();
            try (Library l = Library.open(lib)) {
                open[i] = (System.nanoTime() - t0) / 1e9;
                ImportOptions d = ImportOptions.defaults();
                t0 = System.nanoTime();
                l.importer(new ImportOptions(d.parallelism(), d.batchSize(), false)).importPaths(List.of(data),
                        ImportListener.NONE, new CancelToken());
                impNoSync[i] = (System.nanoTime() - t0) / 1e9;
            }
            deleteTree(lib);
            err.printf("run %d: copy %.3f s (cpu %.3f s), import %.3f s (cpu %.3f s), import without per-file fsync %.3f s%n",
                    i + 1, copy[i], copyCpu[i], imp[i], impCpu[i], impNoSync[i]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data.toAbsolutePath().normalize().toString());
        m.put("files", files.size());
        m.put("bytes", bytes);
        m.put("imported", imported);
        m.put("copySeconds", median(copy));
        m.put("importSeconds", median(imp));
        m.put("importToCopyRatio", median(imp) / median(copy));
        m.put("openNewLibrarySeconds", median(open));
        // CPU time of this process (all threads, user + system) over the timed part: less sensitive than wall time to
        // other work on the machine
        m.put("copyCpuSeconds", median(copyCpu));
        m.put("importCpuSeconds", median(impCpu));
        m.put("importNoFileFsyncSeconds", median(impNoSync));
        m.put("importNoFileFsyncToCopyRatio", median(impNoSync) / median(copy));
        m.put("warmupRounds", warmup);
        m.put("copyRuns", copy);
        m.put("importRuns", imp);
        m.put("importNoFileFsyncRuns", impNoSync);
        m.put("note", "import = header parse + duplicate check + copy with SHA-256 + fsync + index into an open library (opening a new library is reported apart); copy = Files.copy, no fsync");
        return m;
    }

    private Map<String, Object> generated(Path scratch, PrintWriter err) throws IOException {
        Path gen = scratch.resolve("generated");
        long t0 = System.nanoTime();
        long n = new SyntheticStudies().generate(gen, patients, studies, instances);
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        err.printf("generated %d files in %.1f s%n", n, genSeconds);
        Path lib = scratch.resolve("lib-generated");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "real synthetic header-only DICOM files (about 0.6 KB each) imported through the full pipeline");
        m.put("patients", patients);
        m.put("studies", studies);
        m.put("files", n);
        m.put("generateSeconds", genSeconds);
        try (Library l = Library.open(lib)) {
            t0 = System.nanoTime();
            ImportReport rep = l.importer(ImportOptions.defaults()).importPaths(List.of(gen), ImportListener.NONE,
                    new CancelToken());
            double secs = (System.nanoTime() - t0) / 1e9;
            err.printf("imported %d files in %.1f s%n", rep.imported(), secs);
            m.put("imported", rep.imported());
            m.put("importSeconds", secs);
            m.put("importFilesPerSecond", rep.imported() / secs);
            List<PatientRecord> all = l.store().patients();
            Random random = new Random(1);
            List<Double> timeline = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                PatientKey key = all.get(random.nextInt(all.size())).key();
                long q0 = System.nanoTime();
                l.store().studies(key);
                l.store().series(key);
                timeline.add((System.nanoTime() - q0) / 1e6);
            }
            timeline.sort(Comparator.naturalOrder());
            m.put("patientTimelineQueryMsMedian", timeline.get(timeline.size() / 2));
            m.put("patientTimelineQueryMsP95", timeline.get((int) (timeline.size() * 0.95)));
            m.put("patientTimelineQueryMsMax", timeline.getLast());
            double[] lsAll = new double[5];
            for (int i = 0; i < lsAll.length; i++) {
                long q0 = System.nanoTime();
                l.store().series();
                lsAll[i] = (System.nanoTime() - q0) / 1e6;
            }
            m.put("lsAllSeriesMsMedian", median(lsAll));
            long q0 = System.nanoTime();
            l.store().patients();
            l.store().studies();
            m.put("lsPatientsAndStudiesMs", (System.nanoTime() - q0) / 1e6);
        } finally {
            deleteTree(lib);
            deleteTree(gen);
        }
        return m;
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
