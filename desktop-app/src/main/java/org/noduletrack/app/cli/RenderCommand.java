package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.noduletrack.app.cli.render.GreyPng;
import org.noduletrack.app.cli.render.LoadedSeries;
import org.noduletrack.app.cli.render.PlaneArguments;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.ColorLut;
import org.noduletrack.render.api.Frame;
import org.noduletrack.render.api.Interpolation;
import org.noduletrack.render.api.RenderEngine;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.engine.RenderEngines;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.AssemblyIssue;
import org.noduletrack.render.volume.SliceRange;
import org.noduletrack.render.volume.VolumeGeometry;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack render}: one MPR image of a CT series as an 8-bit greyscale PNG. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders one plane through the CT series with the most slices under --dir and writes it as an 8-bit"
                + " greyscale PNG after the window.",
                "The plane is centred on --at (patient LPS mm; default: the volume centre), its field of view is the volume's"
                        + " extent in that plane and its pixel spacing the volume's finest in-plane spacing unless --spacing.",
                "Slices near the plane are loaded first; the rest of the series is not waited for."})
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "PATH", description = "folder holding the series (searched recursively)")
    Path dir;

    @Option(names = "--series", paramLabel = "UID", description = "series from the local library (not available yet)")
    String series;

    @Option(names = "--plane", defaultValue = "axial", paramLabel = "axial|coronal|sagittal|oblique",
            description = "orientation (default ${DEFAULT-VALUE}); oblique = axial turned by --rotate")
    String plane;

    @Option(names = "--at", paramLabel = "x,y,z", description = "plane centre in patient LPS mm (default: volume centre)")
    String at;

    @Option(names = "--rotate", paramLabel = "a,b", defaultValue = "0,0",
            description = "degrees about the patient's left-right axis, then about the anterior-posterior axis")
    String rotate;

    @Option(names = "--slab", paramLabel = "MM", defaultValue = "0", description = "slab thickness in mm (default: thin)")
    double slabMm;

    @Option(names = "--mode", paramLabel = "mip|minip|mean", defaultValue = "mip", description = "slab mode (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--window", paramLabel = "W/L", defaultValue = "1500/-600", description = "window width/level in HU (default ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--interpolation", paramLabel = "trilinear|nearest", defaultValue = "trilinear")
    String interpolation;

    @Option(names = "--spacing", paramLabel = "MM", description = "output pixel spacing (default: finest in-plane spacing)")
    Double spacingMm;

    @ArgGroup(exclusive = true)
    Backend backend;

    static final class Backend {
        @Option(names = "--gpu", description = "render on the GPU (the default; falls back to the CPU, with a warning, when no GL 3.3 context)")
        boolean gpu;

        @Option(names = "--cpu", description = "render with the CPU reference reslicer")
        boolean cpu;
    }

    @Option(names = "--out", required = true, paramLabel = "file.png")
    Path out;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (series != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--series is not available yet (it needs the local library); use --dir PATH");
        }
        if (dir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dir PATH is required");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must end in .png: " + out);
        }
        ViewOrientation orientation;
        Optional<Vec3> centre;
        WindowLevel wl;
        SlabSpec slab;
        Interpolation interp;
        try {
            orientation = PlaneArguments.orientation(plane, PlaneArguments.rotation(rotate));
            centre = Optional.ofNullable(at).map(PlaneArguments::point);
            wl = WindowLevel.parse(window);
            slab = new SlabSpec(slabMm, SlabMode.valueOf(mode.toUpperCase(Locale.ROOT)));
            interp = Interpolation.valueOf(interpolation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean cpuOnly = backend != null && backend.cpu;
        long t0 = System.nanoTime();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (LoadedSeries s = LoadedSeries.open(dir, centre, threads);
             RenderEngine engine = RenderEngines.create(cpuOnly ? RenderEngines.Preference.CPU : RenderEngines.Preference.GPU_THEN_CPU,
                     threads)) {
            engine.fallbackReason().ifPresent(r -> spec.commandLine().getErr().println("warning: GPU not usable, rendering on the CPU: " + r));
            VolumeGeometry g = s.volume().geometry();
            PlaneLps p;
            try {
                p = PlaneArguments.plane(g, orientation, centre, Optional.ofNullable(spacingMm));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            SliceRange needed = g.slicesTouchedBy(p, slab.thicknessMm());
            s.volume().progress().awaitSlices(needed.firstK(), needed.lastK(), 10, TimeUnit.MINUTES);
            Frame f = engine.render(s.volume(), new RenderRequest(p, slab, interp, wl, ColorLut.GREY)).get(10, TimeUnit.MINUTES);
            GreyPng.write(f, out);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("out", out.toAbsolutePath().toString());
            r.put("series", s.plan().stack().label());
            r.put("volume", g.extent().toString());
            r.put("spacingMm", new double[] {g.spacingMm().x(), g.spacingMm().y(), g.spacingMm().z()});
            r.put("width", f.width());
            r.put("height", f.height());
            r.put("pixelSpacingMm", p.pixelSpacingMm());
            r.put("centerLps", new double[] {p.centerLps().x(), p.centerLps().y(), p.centerLps().z()});
            r.put("edgeLabels", p.edgeLabels());
            r.put("slicesRead", needed.count());
            r.put("backend", f.backend());
            r.put("backendDescription", engine.backend().description());
            r.put("gpuFallback", engine.usingFallback());
            r.put("issues", s.plan().issues().stream().map(AssemblyIssue::describe).toList());
            r.put("elapsedMs", ms);
            if (json) {
                spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(r));
            } else {
                spec.commandLine().getOut().printf(Locale.ROOT, "%s: %dx%d at %.3f mm/pixel, %s backend, %d ms%n", out, f.width(),
                        f.height(), p.pixelSpacingMm(), f.backend(), ms);
            }
            for (AssemblyIssue i : s.plan().issues()) {
                spec.commandLine().getErr().println("note: " + i.describe());
            }
        }
        return ExitCodes.OK;
    }
}
