package org.noduletrack.app.cli.render;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * VTK's vtkImageReslice (trilinear, and its max-slab mode) on the same volume and plane, timed in a Python subprocess
 * (Debian's python3-vtk9 through /usr/bin/python3): the external reference point of {@code bench render}. Optional.
 */
public final class VtkReslice {
    private VtkReslice() {}

    private static final String SCRIPT = String.join("\n",
            "import sys, time, json",
            "import numpy as np",
            "import vtk",
            "from vtk.util import numpy_support as ns",
            "a = json.loads(sys.argv[1])",
            "nx, ny, nz = a['dims']",
            "vox = np.fromfile(a['raw'], dtype='<i2').reshape(nz, ny, nx)",
            "img = vtk.vtkImageData()",
            "img.SetDimensions(nx, ny, nz)",
            "img.SetSpacing(*a['spacing'])",
            "img.SetOrigin(0, 0, 0)",
            "arr = ns.numpy_to_vtk(vox.ravel(), deep=True, array_type=vtk.VTK_SHORT)",
            "img.GetPointData().SetScalars(arr)",
            "def make(slab):",
            "    r = vtk.vtkImageReslice()",
            "    r.SetInputData(img)",
            "    m = vtk.vtkMatrix4x4()",
            "    u, v, n, o = a['u'], a['v'], a['n'], a['origin']",
            "    for i in range(3):",
            "        m.SetElement(i, 0, u[i]); m.SetElement(i, 1, v[i]); m.SetElement(i, 2, n[i]); m.SetElement(i, 3, o[i])",
            "    r.SetResliceAxes(m)",
            "    r.SetInterpolationModeToLinear()",
            "    r.SetOutputDimensionality(2)",
            "    r.SetOutputOrigin(0, 0, 0)",
            "    r.SetOutputSpacing(a['pixel'], a['pixel'], a['step'])",
            "    r.SetOutputExtent(0, a['w'] - 1, 0, a['h'] - 1, 0, 0)",
            "    r.SetBackgroundLevel(a['background'])",
            "    if slab > 1:",
            "        r.SetSlabNumberOfSlices(slab); r.SetSlabModeToMax()",
            "    return r",
            "res = {'vtkVersion': vtk.vtkVersion.GetVTKVersion()}",
            "for name, slab in (('obliqueMs', 1), ('slabMs', a['slabSamples'])):",
            "    r = make(slab)",
            "    for i in range(a['warmup']):",
            "        r.Modified(); r.Update()",
            "    ts = []",
            "    for i in range(a['repeat']):",
            "        t0 = time.perf_counter(); r.Modified(); r.Update(); ts.append((time.perf_counter() - t0) * 1000)",
            "    res[name] = sorted(ts)[len(ts) // 2]",
            "    out = ns.vtk_to_numpy(r.GetOutput().GetPointData().GetScalars()).astype(np.float64)",
            "    res[name.replace('Ms', 'Checksum')] = float(out.mean())",
            "print(json.dumps(res))");

    /** Runs the reference; a map with "skipped" when VTK is not installed or fails. */
    public static Map<String, Object> measure(ShortVolume volume, PlaneLps plane, SlabSpec slab, int warmup, int repeat,
                                              PrintWriter err) {
        Map<String, Object> r = new LinkedHashMap<>();
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            r.put("skipped", "no /usr/bin/python3");
            return r;
        }
        Path raw = null;
        try {
            raw = Files.createTempFile("noduletrack-vtk-", ".raw");
            try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.WRITE)) {
                MemorySegment seg = volume.voxels();
                long pos = 0, n = seg.byteSize();
                while (pos < n) {
                    long len = Math.min(1 << 26, n - pos);
                    pos += ch.write(seg.asSlice(pos, len).asByteBuffer().order(java.nio.ByteOrder.nativeOrder()));
                }
            }
            VolumeGeometry g = volume.geometry();
            // VTK's frame: voxel axes scaled by spacing, origin at voxel 0 (our i, j, k directions are orthonormal)
            Vec3 o = toVtk(g, plane.firstPixelLps().minus(g.originLps()));
            Vec3 u = toVtk(g, plane.rowDirection()), v = toVtk(g, plane.columnDirection()), nn = toVtk(g, plane.normal());
            double step = g.spacingMm().finest();
            int samples = slab.sampleCount(step);
            String args = String.format(Locale.ROOT,
                    "{\"raw\":\"%s\",\"dims\":[%d,%d,%d],\"spacing\":[%s,%s,%s],\"u\":%s,\"v\":%s,\"n\":%s,\"origin\":%s,"
                            + "\"pixel\":%s,\"step\":%s,\"w\":%d,\"h\":%d,\"background\":%d,\"slabSamples\":%d,\"warmup\":%d,\"repeat\":%d}",
                    raw.toString().replace("\\", "/"), g.extent().nx(), g.extent().ny(), g.extent().nz(), g.spacingMm().x(),
                    g.spacingMm().y(), g.spacingMm().z(), json(u), json(v), json(nn), json(o), plane.pixelSpacingMm(),
                    slab.thicknessMm() / samples, plane.width(), plane.height(), volume.backgroundStored(), samples, warmup, repeat);
            Process p = new ProcessBuilder(python.toString(), "-c", SCRIPT, args).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            String errText = new String(p.getErrorStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String[] lines = errText.split("\n");
                r.put("skipped", "vtkImageReslice not usable: " + (errText.isEmpty() ? "exit " + p.exitValue() : lines[lines.length - 1]));
                return r;
            }
            r.putAll(new com.fasterxml.jackson.databind.ObjectMapper().readValue(out,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}));
            r.put("threads", "VTK default (SMP)");
            err.printf(Locale.ROOT, "vtkImageReslice %s: oblique %.2f ms, slab %.2f ms (median)%n", r.get("vtkVersion"),
                    ((Number) r.get("obliqueMs")).doubleValue(), ((Number) r.get("slabMs")).doubleValue());
        } catch (IOException | InterruptedException | RuntimeException e) {
            r.put("skipped", "vtkImageReslice not usable: " + e.getMessage());
        } finally {
            if (raw != null) {
                try {
                    Files.deleteIfExists(raw);
                } catch (IOException ignored) {
                    // temp file; the OS cleans up
                }
            }
        }
        return r;
    }

    private static Vec3 toVtk(VolumeGeometry g, Vec3 d) {
        return new Vec3(d.dot(g.iDirection()), d.dot(g.jDirection()), d.dot(g.kDirection()));
    }

    private static String json(Vec3 v) {
        return String.format(Locale.ROOT, "[%.12g,%.12g,%.12g]", v.x(), v.y(), v.z());
    }
}
