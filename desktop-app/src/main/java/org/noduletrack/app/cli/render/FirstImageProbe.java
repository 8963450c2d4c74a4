package org.noduletrack.app.cli.render;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.app.workspace.SeriesVolumes;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.SliceRange;

/**
 * The child side of the fresh-JVM first-image benchmark: in a JVM started for this alone, opens the library, opens the
 * series the way the workstation does ({@link SeriesVolumes}, the axial plane through the centre first), waits for that
 * plane's slices and renders it once on the CPU. Prints one line {@code phases <name>=<System.nanoTime()> ...}; the
 * parent subtracts the time it started the process (on Linux both read the same monotonic clock).
 */
public final class FirstImageProbe {
    /** How the child reads the same file bytes alone, for the baseline (no library, no volume). */
    public static final String READ_ONLY = "read-only";

    private FirstImageProbe() {}

    /** Phase marks: System.nanoTime() and the process's CPU time so far (user + system, all threads). */
    private static final class Phases {
        final Map<String, Long> t = new LinkedHashMap<>();

        void mark(String name) {
            t.put(name, System.nanoTime());
            long cpu = processCpuNanos();
            if (cpu >= 0) {
                t.put("cpu." + name, cpu);
            }
        }

        /** From /proc/self/stat (10 ms ticks) where there is one: reading it loads next to no classes, unlike JMX. */
        private static long processCpuNanos() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime, stime at USER_HZ 100
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** Runs the probe (planned as {@code planning}) on series {@code seriesUid} of the library at {@code libraryRoot}; prints the phases to out. */
    public static void run(Path libraryRoot, String seriesUid, SeriesVolumes.Planning planning, PrintStream out) throws Exception {
        Phases t = new Phases();
        t.mark("main");
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService queries = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
        ExecutorService loader = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
        try (Library library = Library.open(libraryRoot)) {
            t.mark("libraryOpen");
            SeriesRecord series = library.store().series().stream().filter(s -> s.uid().value().equals(seriesUid))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no series " + seriesUid + " in the library"));
            t.mark("seriesFound");
            SeriesVolumes volumes = new SeriesVolumes(new LibraryService(library, queries, queries), loader, threads);
            SeriesVolumes.FirstView view = SeriesVolumes.FirstView.AXIAL_CENTRE;
            try (SeriesVolumes.OpenedSeries opened = volumes.open(series, view, null, planning).get(5, TimeUnit.MINUTES);
                 CpuReslicer cpu = new CpuReslicer(threads)) {
                t.mark("planned");
                PlaneLps plane = view.plane(opened.volume().geometry());
                SliceRange need = opened.volume().geometry().slicesTouchedBy(plane, view.slabMm());
                opened.volume().progress().awaitSlices(need.firstK(), need.lastK(), 5, TimeUnit.MINUTES);
                t.mark("slicesLoaded");
                int[] argb = cpu.renderArgb(opened.volume(), RenderRequest.of(plane, WindowLevel.LUNG));
                t.mark("firstImage");
                print(out, t, "loadedAtFirstImage=" + opened.volume().progress().loadedCount() + " pixels=" + argb.length
                        + " plannedFromIndex=" + (opened.plannedFromIndex() ? 1 : 0) + " slices=" + opened.volume().progress().sliceCount());
            }
        } finally {
            queries.shutdownNow();
            loader.shutdownNow();
        }
    }

    /** The baseline child: reads the bytes of {@code file} and exits (JVM start plus one file read). */
    public static void readOnly(Path file, PrintStream out) throws Exception {
        Phases t = new Phases();
        t.mark("main");
        byte[] b = Files.readAllBytes(file);
        t.mark("fileRead");
        print(out, t, "bytes=" + b.length);
    }

    private static void print(PrintStream out, Phases phases, String extra) {
        StringBuilder sb = new StringBuilder("phases");
        phases.t.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));

        out.println(sb.append(' ').append(extra));
        out.flush();
    }

    /** Parses a {@code phases} line back into name → nanoTime (and the extra key=value pairs as numbers). */
    public static Map<String, Long> parse(List<String> lines) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith("phases ")) {
                continue;
            }
            for (String kv : line.substring(7).split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                }
            }
        }
        return m;
    }
}
