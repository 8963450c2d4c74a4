package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.noduletrack.app.cli.render.FirstImageProbe;
import org.noduletrack.app.cli.render.FreshJvmFirstImage;
import org.noduletrack.app.cli.render.LoadedSeries;
import org.noduletrack.app.cli.render.VtkReslice;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.gl.GlBackend;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.SliceRange;
import org.noduletrack.render.volume.VolumeGeometry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack bench render}: MPR timings with vtkImageReslice measured in the same run. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Rendering benchmark on the CT series with the most slices under --dir; JSON on stdout.",
                "Measures: first-image latency in fresh JVMs started like ./noduletrack, the series opened from a real"
                        + " (temporary) library as the workstation does, against a --version JVM and a JVM that only reads"
                        + " one file; in this JVM: first-image latency from a folder (headers + the slices the first axial plane needs + one CPU frame, while the"
                        + " rest streams in), full load, CPU and GPU ms per 512x512 double-oblique frame and 10 mm MIP slab frame"
                        + " (median of --repeat after --warmup), GL context set-up and volume upload, peak memory; and"
                        + " vtkImageReslice on the same plane when /usr/bin/python3 has VTK."})
public final class BenchRenderCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "PATH", description = "folder with the series (or use --synthetic-slices)")
    Path dir;

    @Option(names = "--synthetic-slices", paramLabel = "N",
            description = "instead of --dir: write a synthetic N-slice 512x512 uncompressed CT series to a temporary folder"
                    + " (deleted afterwards) and measure on it; the files are in the page cache, like a local library")
    Integer syntheticSlices;

    @Option(names = "--synthetic-out", paramLabel = "DIR",
            description = "with --synthetic-slices: only write the series into DIR and exit, so that a fresh JVM can measure"
                    + " it with --dir DIR (in the same JVM, writing warms shared code first)")
    Path syntheticOut;

    @Option(names = "--repeat", defaultValue = "20")
    int repeat;

    @Option(names = "--warmup", defaultValue = "5")
    int warmup;

    @Option(names = "--threads", description = "CPU threads (default: all cores)")
    Integer threads;

    @Option(names = "--out", description = "also write the JSON result to this file")
    Path out;

    @Option(names = "--no-vtk", description = "skip the vtkImageReslice reference")
    boolean noVtk;

    @Option(names = "--no-gpu", description = "skip the GPU measurements")
    boolean noGpu;

    @Option(names = "--fresh-jvm-runs", defaultValue = "5",
            description = "fresh JVMs (launched like ./noduletrack) that open the series from a temporary library and show"
                    + " its first plane, against --version and read-one-file JVMs in the same run; 0 skips (default: 5)")
    int freshJvmRuns;

    /** Child JVM of the fresh-JVM first-image measurement: library folder, series UID and planning. */
    @Option(names = "--probe-first-image", hidden = true, arity = "3", paramLabel = "LIBRARY SERIES_UID PLANNING")
    List<String> probeFirstImage;

    /** Child JVM of the baseline: reads one file's bytes and exits. */
    @Option(names = "--probe-read", hidden = true)
    Path probeRead;

    private interface Work {
        void run() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (probeFirstImage != null) {
            FirstImageProbe.run(Path.of(probeFirstImage.get(0)), probeFirstImage.get(1),
                    org.noduletrack.app.workspace.SeriesVolumes.Planning.valueOf(probeFirstImage.get(2)), System.out);
            return ExitCodes.OK;
        }
        if (probeRead != null) {
            FirstImageProbe.readOnly(probeRead, System.out);
            return ExitCodes.OK;
        }
        if ((dir == null) == (syntheticSlices == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give either --dir or --synthetic-slices");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "render");
        if (syntheticSlices == null) {
            r.put("data", dir.toAbsolutePath().normalize().toString());
            return run(r, err);
        }
        if (syntheticSlices < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--synthetic-slices must be at least 2");
        }
        long w0 = System.nanoTime();
        if (syntheticOut != null) {
            org.noduletrack.app.cli.render.SyntheticCt.write(syntheticOut, syntheticSlices);
            err.printf(Locale.ROOT, "wrote %d synthetic slices to %s in %.0f ms%n", syntheticSlices, syntheticOut, ms(System.nanoTime() - w0));
            return ExitCodes.OK;
        }
        dir = org.noduletrack.app.cli.render.SyntheticCt.write(syntheticSlices);
        r.put("data", "synthetic " + syntheticSlices + " slices 512x512 uncompressed CT (temporary folder)");
        r.put("syntheticWriteMs", ms(System.nanoTime() - w0));
        err.printf(Locale.ROOT, "wrote %d synthetic slices to %s in %.0f ms%n", syntheticSlices, dir, ms(System.nanoTime() - w0));
        try {
            return run(r, err);
        } finally {
            org.noduletrack.app.cli.render.SyntheticCt.delete(dir);
        }
    }

    private Integer run(Map<String, Object> r, PrintWriter err) throws Exception {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        BenchMachine.current().putInto(r, "cpuModel");
        r.put("threads", n);
        WindowLevel lung = new WindowLevel(1500, -600);
        if (freshJvmRuns > 0) {
            r.put("freshJvm", new FreshJvmFirstImage(freshJvmRuns, err).measure(dir));
        }
        try (CpuReslicer cpu = new CpuReslicer(n)) {
            // first image (cold JVM: class loading and JIT included): headers, the slices an axial plane through the centre needs, one CPU frame
            long t0 = System.nanoTime();
            try (LoadedSeries s = LoadedSeries.open(dir, Optional.empty(), n)) {
                double openMs = ms(System.nanoTime() - t0);
                VolumeGeometry g = s.volume().geometry();
                PlaneLps axial = g.planeThrough(ViewOrientation.AXIAL, g.centerLps());
                SliceRange need = g.slicesTouchedBy(axial, 0);
                s.volume().progress().awaitSlices(need.firstK(), need.lastK(), 10, TimeUnit.MINUTES);
                double slicesMs = ms(System.nanoTime() - t0);
                r.put("codecSetupMs", ms(s.setupNanos()));
                r.put("planMs", ms(s.planNanos()));
                r.put("allocateAndStartMs", ms(s.startNanos()));
                r.put("loadingStartedMs", openMs);
                cpu.renderArgb(s.volume(), RenderRequest.of(axial, lung));
                double firstMs = ms(System.nanoTime() - t0);
                r.put("firstSlicesReadyMs", slicesMs);
                int loadedAtFirst = s.volume().progress().loadedCount();
                s.volume().progress().awaitComplete(1, TimeUnit.HOURS);
                double fullMs = ms(System.nanoTime() - t0);
                r.put("series", s.plan().stack().label());
                r.put("volume", g.extent().toString());
                r.put("voxelBytes", s.volume().voxelBytes());
                r.put("headerScanMs", ms(s.scanNanos()));
                r.put("firstImageMs", firstMs);
                r.put("slicesLoadedAtFirstImage", loadedAtFirst);
                r.put("fullLoadMs", fullMs);
                err.printf(Locale.ROOT, "%s: first image %.1f ms (headers %.1f ms), full load %.1f ms%n", g.extent(), firstMs,
                        ms(s.scanNanos()), fullMs);
                measureFrames(s.volume(), cpu, lung, r, err);
            }
            // the same first-image path once more in a warm JVM (a running workstation opening another series)
            double warm = firstImageWarm(cpu, lung, n);
            r.put("firstImageWarmMs", warm);
            err.printf(Locale.ROOT, "first image, warm JVM: %.1f ms%n", warm);
        }
        r.put("peakHeapBytes", peakHeap());
        r.put("peakRssBytes", peakRss());
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        spec.commandLine().getOut().println(json);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json + "\n");
        }
        return ExitCodes.OK;
    }

    /** First image after the code paths are warm: open, wait for the needed slices, one frame, close. */
    private double firstImageWarm(CpuReslicer cpu, WindowLevel lung, int n) throws Exception {
        for (int pass = 0; ; pass++) {
            long t0 = System.nanoTime();
            try (LoadedSeries s = LoadedSeries.open(dir, Optional.empty(), n)) {
                VolumeGeometry g = s.volume().geometry();
                PlaneLps axial = g.planeThrough(ViewOrientation.AXIAL, g.centerLps());
                SliceRange need = g.slicesTouchedBy(axial, 0);
                s.volume().progress().awaitSlices(need.firstK(), need.lastK(), 10, TimeUnit.MINUTES);
                cpu.renderArgb(s.volume(), RenderRequest.of(axial, lung));
                double ms = ms(System.nanoTime() - t0);
                if (pass == 0) {
                    s.volume().progress().awaitComplete(1, TimeUnit.HOURS); // warm every path before the timed pass
                    continue;
                }
                return ms;
            }
        }
    }

    private void measureFrames(ShortVolume v, CpuReslicer cpu, WindowLevel lung, Map<String, Object> r, PrintWriter err)
            throws Exception {
        VolumeGeometry g = v.geometry();
        ViewOrientation o = ViewOrientation.AXIAL.rotated(30, 20);
        PlaneLps oblique = new PlaneLps(g.centerLps(), o.rowDirection(), o.columnDirection(), g.spacingMm().finestInPlane(), 512, 512);
        SlabSpec slab = new SlabSpec(10, SlabMode.MIP);
        RenderRequest thin = RenderRequest.of(oblique, lung);
        RenderRequest thick = thin.withSlab(slab);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("obliqueMs", median(() -> cpu.renderArgb(v, thin), "cpu oblique 512x512", err));
        c.put("slabMs", median(() -> cpu.renderArgb(v, thick), "cpu oblique 10 mm MIP 512x512", err));
        c.put("slabSamples", slab.sampleCount(g.spacingMm().finest()));
        float[] vals = cpu.resliceValues(v, oblique, thin.interpolation(), thin.slab());
        double mean = 0;
        for (float f : vals) {
            mean += v.valueScale().toStored(f);
        }
        c.put("obliqueChecksum", mean / vals.length);
        r.put("cpu", c);
        if (noGpu) {
            r.put("gpu", Map.of("skipped", "--no-gpu"));
        } else {
            r.put("gpu", measureGpu(v, thin, thick, err));
        }
        r.put("vtkImageReslice", noVtk ? Map.of("skipped", "--no-vtk") : VtkReslice.measure(v, oblique, slab, warmup, Math.min(repeat, 10), err));
    }

    private Map<String, Object> measureGpu(ShortVolume v, RenderRequest thin, RenderRequest thick, PrintWriter err) throws Exception {
        Map<String, Object> gpu = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        GlBackend gl;
        try {
            gl = GlBackend.create();
        } catch (RenderException e) {
            gpu.put("skipped", e.getMessage());
            return gpu;
        }
        try (gl) {
            gpu.put("renderer", gl.description());
            gpu.put("contextSetupMs", ms(System.nanoTime() - t0));
            gpu.put("volumeUploadMs", ms(gl.upload(v).get(10, TimeUnit.MINUTES)));
            long f0 = System.nanoTime();
            gl.render(v, thin).get(10, TimeUnit.MINUTES);
            gpu.put("firstFrameMs", ms(System.nanoTime() - f0));
            gpu.put("obliqueMs", median(() -> gl.render(v, thin).get(10, TimeUnit.MINUTES), "gpu oblique 512x512", err));
            gpu.put("slabMs", median(() -> gl.render(v, thick).get(10, TimeUnit.MINUTES), "gpu oblique 10 mm MIP 512x512", err));
            // process CPU time per slab frame (llvmpipe renders on CPU threads): less sensitive to other load than wall time
            long c0 = processCpuNanos();
            int frames = Math.max(1, repeat);
            for (int i = 0; i < frames; i++) {
                gl.render(v, thick).get(10, TimeUnit.MINUTES);
            }
            long c1 = processCpuNanos();
            if (c0 >= 0 && c1 >= 0) {
                gpu.put("slabProcessCpuMsPerFrame", ms((c1 - c0) / frames));
            }
            gpu.put("note", "per frame: draw + PBO readback into an int[]");
        }
        return gpu;
    }

    private double median(Work w, String name, PrintWriter err) throws Exception {
        for (int i = 0; i < warmup; i++) {
            w.run();
        }
        double[] t = new double[Math.max(1, repeat)];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            w.run();
            t[i] = ms(System.nanoTime() - s);
        }
        Arrays.sort(t);
        double m = t[t.length / 2];
        err.printf(Locale.ROOT, "%-34s median %.2f ms (min %.2f, max %.2f)%n", name, m, t[0], t[t.length - 1]);
        return m;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static double ms(long nanos) { return Math.round(nanos / 1e4) / 100.0; }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM: the process's peak resident set (heap, off-heap voxels, GL driver memory). -1 where unknown. */
    private static long peakRss() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
