package org.noduletrack.render.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.ColorLut;
import org.noduletrack.render.api.Interpolation;
import org.noduletrack.render.api.Outside;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * The reference reslicer, and the ground truth for the GPU path: samples any plane (nearest or trilinear, see
 * {@link Interpolation}), combines thick-slab samples along the normal (MIP, MinIP, mean; see {@link SlabSpec}), maps
 * through the window and the colour LUT. Rows are split across a fixed pool of threads it owns; thread-safe.
 */
public final class CpuReslicer implements AutoCloseable {
    /** Voxel-coordinate tolerance for landing exactly on a voxel centre (float32 on the GPU resolves ~3e-5 at 512). */
    static final double SNAP = 1e-4;

    private final ExecutorService pool;
    private final int threads;

    public CpuReslicer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("cpu-reslice-", 0).daemon().factory());
    }

    public int threads() { return threads; }

    /** Modality values (HU for CT) of every pixel of the plane, row by row from the top. */
    public float[] resliceValues(ShortVolume volume, PlaneLps plane, Interpolation interpolation, SlabSpec slab) {
        float[] out = new float[plane.width() * plane.height()];
        Job job = new Job(volume, plane, interpolation, slab);
        forRows(plane.height(), (y0, y1) -> job.rows(y0, y1, out));
        return out;
    }

    /** ARGB frame: values through the window and LUT. */
    public int[] renderArgb(ShortVolume volume, RenderRequest request) {
        float[] v = resliceValues(volume, request.plane(), request.interpolation(), request.slab());
        int[] argb = new int[v.length];
        int h = request.plane().height(), w = request.plane().width();
        forRows(h, (y0, y1) -> toArgb(v, y0 * w, y1 * w, request.window(), request.lut(), argb));
        if (request.outside() == Outside.TRANSPARENT) {
            Job job = new Job(volume, request.plane(), request.interpolation(), request.slab());
            forRows(h, (y0, y1) -> job.clearOutside(y0, y1, argb));
        }
        return argb;
    }

    /** Window + LUT of values {@code from..to-1}. */
    public static void toArgb(float[] values, int from, int to, WindowLevel window, ColorLut lut, int[] argbOut) {
        int[] table = lut.argb();
        for (int i = from; i < to; i++) {
            argbOut[i] = table[window.grey8(values[i])];
        }
    }

    private interface RowRange {
        void run(int y0, int y1);
    }

    private void forRows(int height, RowRange task) {
        int parts = Math.min(height, threads * 4);
        if (parts <= 1 || threads == 1) {
            task.run(0, height);
            return;
        }
        List<Future<?>> fs = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int y0 = (int) ((long) height * p / parts), y1 = (int) ((long) height * (p + 1) / parts);
            fs.add(pool.submit(() -> task.run(y0, y1)));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reslicing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One plane's sampling set-up: everything in voxel (ijk) space, so the inner loop is additions and lookups. */
    private static final class Job {
        private final MemorySegment vox;
        private final int nx, ny, nz;
        private final long sliceStride;
        private final double bg;
        private final double slope, intercept;
        private final boolean trilinear;
        private final SlabMode mode;
        private final int samples;
        private final double[] firstIjk, dxIjk, dyIjk;
        private final double[][] slabOffsetsIjk;
        private final int width;

        Job(ShortVolume volume, PlaneLps plane, Interpolation interpolation, SlabSpec slab) {
            VolumeGeometry g = volume.geometry();
            this.vox = volume.voxels();
            this.nx = g.extent().nx();
            this.ny = g.extent().ny();
            this.nz = g.extent().nz();
            this.sliceStride = (long) nx * ny;
            this.bg = volume.backgroundStored();
            this.slope = volume.valueScale().slope();
            this.intercept = volume.valueScale().intercept();
            this.trilinear = interpolation == Interpolation.TRILINEAR;
            this.mode = slab.mode();
            this.width = plane.width();
            Affine3 lpsToIjk = g.lpsToIjk();
            this.firstIjk = arr(lpsToIjk.applyToPoint(plane.firstPixelLps()));
            this.dxIjk = arr(lpsToIjk.applyToVector(plane.rowDirection().times(plane.pixelSpacingMm())));
            this.dyIjk = arr(lpsToIjk.applyToVector(plane.columnDirection().times(plane.pixelSpacingMm())));
            this.samples = slab.sampleCount(g.spacingMm().finest());
            this.slabOffsetsIjk = new double[samples][];
            Vec3 n = plane.normal();
            for (int s = 0; s < samples; s++) {
                slabOffsetsIjk[s] = arr(lpsToIjk.applyToVector(n.times(slab.offsetMm(s, samples))));
            }
        }

        private static double[] arr(Vec3 v) { return new double[] {v.x(), v.y(), v.z()}; }

        /**
         * Whether pixels step exactly one voxel along i (right) and j (down) from a voxel column: an axial view of an
         * axial acquisition, where a frame is two slices' rows blended along k and can be read with bulk row copies
         * instead of 8 single-voxel reads per pixel (what makes a first frame slow before the JIT has compiled them).
         */
        private boolean gridAligned() {
            // in-plane steps within 1e-9 of a voxel keep every pixel within SNAP of its voxel centre (512 px drift < 1e-6),
            // so the general path lands on exactly the same voxels; k must not vary at all across the frame
            double tol = 1e-9;
            return samples == 1 && Math.abs(dxIjk[0] - 1) < tol && Math.abs(dxIjk[1]) < tol && dxIjk[2] == 0
                    && Math.abs(dyIjk[0]) < tol && Math.abs(dyIjk[1] - 1) < tol && dyIjk[2] == 0
                    && Math.abs(firstIjk[0] - Math.rint(firstIjk[0])) < SNAP / 2
                    && Math.abs(firstIjk[1] - Math.rint(firstIjk[1])) < SNAP / 2;
        }

        void rows(int y0, int y1, float[] out) {
            if (gridAligned()) {
                alignedRows(y0, y1, out);
                return;
            }
            for (int y = y0; y < y1; y++) {
                double rx = firstIjk[0] + y * dyIjk[0], ry = firstIjk[1] + y * dyIjk[1], rz = firstIjk[2] + y * dyIjk[2];
                int base = y * width;
                if (samples == 1) {
                    double ox = slabOffsetsIjk[0][0], oy = slabOffsetsIjk[0][1], oz = slabOffsetsIjk[0][2];
                    for (int x = 0; x < width; x++) {
                        double v = sample(rx + x * dxIjk[0] + ox, ry + x * dxIjk[1] + oy, rz + x * dxIjk[2] + oz);
                        out[base + x] = (float) (v * slope + intercept);
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        double px = rx + x * dxIjk[0], py = ry + x * dxIjk[1], pz = rz + x * dxIjk[2];
                        double acc = mode == SlabMode.MIP ? Double.NEGATIVE_INFINITY : mode == SlabMode.MINIP ? Double.POSITIVE_INFINITY : 0;
                        for (int s = 0; s < samples; s++) {
                            double[] o = slabOffsetsIjk[s];
                            double v = sample(px + o[0], py + o[1], pz + o[2]);
                            acc = switch (mode) {
                                case MIP -> Math.max(acc, v);
                                case MINIP -> Math.min(acc, v);
                                case MEAN -> acc + v;
                            };
                        }
                        if (mode == SlabMode.MEAN) {
                            acc /= samples;
                        }
                        out[base + x] = (float) (acc * slope + intercept);
                    }
                }
            }
        }

        /** {@link #rows} for a {@link #gridAligned} plane: the same values (same arithmetic as {@link #sample}). */
        private void alignedRows(int y0, int y1, float[] out) {
            int i0 = (int) Math.rint(firstIjk[0]), j0 = (int) Math.rint(firstIjk[1]);
            double z = firstIjk[2] + slabOffsetsIjk[0][2];
            boolean zInside = !(z < -0.5 || z > nz - 0.5);
            int ka, kb;
            double fz;
            if (trilinear) {
                double zc = Math.clamp(snap(z), 0, nz - 1);
                ka = (int) zc;
                fz = zc - ka;
                kb = ka + 1 < nz ? ka + 1 : ka;
            } else {
                ka = kb = Math.min((int) Math.floor(z + 0.5), nz - 1);
                fz = 0;
            }
            short[] a = new short[nx], b = new short[nx];
            for (int y = y0; y < y1; y++) {
                int j = j0 + y, base = y * width;
                if (!zInside || j < 0 || j >= ny) {
                    for (int x = 0; x < width; x++) {
                        out[base + x] = (float) (bg * slope + intercept);
                    }
                    continue;
                }
                MemorySegment.copy(vox, ValueLayout.JAVA_SHORT, 2 * (ka * sliceStride + (long) j * nx), a, 0, nx);
                MemorySegment.copy(vox, ValueLayout.JAVA_SHORT, 2 * (kb * sliceStride + (long) j * nx), b, 0, nx);
                for (int x = 0; x < width; x++) {
                    int i = i0 + x;
                    double v;
                    if (i < 0 || i >= nx) {
                        v = bg;
                    } else if (trilinear) {
                        double c0 = a[i], c1 = b[i];
                        v = c0 + (c1 - c0) * fz;
                    } else {
                        v = a[i];
                    }
                    out[base + x] = (float) (v * slope + intercept);
                }
            }
        }

        /** Sets to 0 (transparent) the pixels whose every slab sample lies outside the volume. */
        void clearOutside(int y0, int y1, int[] argb) {
            for (int y = y0; y < y1; y++) {
                double rx = firstIjk[0] + y * dyIjk[0], ry = firstIjk[1] + y * dyIjk[1], rz = firstIjk[2] + y * dyIjk[2];
                for (int x = 0; x < width; x++) {
                    double px = rx + x * dxIjk[0], py = ry + x * dxIjk[1], pz = rz + x * dxIjk[2];
                    boolean inside = false;
                    for (int s = 0; s < samples && !inside; s++) {
                        double[] o = slabOffsetsIjk[s];
                        inside = isInside(px + o[0], py + o[1], pz + o[2]);
                    }
                    if (!inside) {
                        argb[y * width + x] = 0;
                    }
                }
            }
        }

        /** The same bounds test as {@link #sample}: within half a voxel of the grid. */
        private boolean isInside(double x, double y, double z) {
            return !(x < -0.5 || y < -0.5 || z < -0.5 || x > nx - 0.5 || y > ny - 0.5 || z > nz - 0.5);
        }

        /**
         * Coordinates within {@value #SNAP} voxel of a voxel centre are taken as that centre, so a plane through voxel
         * centres reproduces the voxels exactly despite rounding in the transforms (the shader does the same).
         */
        private static double snap(double c) {
            double r = Math.rint(c);
            return Math.abs(c - r) < SNAP ? r : c;
        }

        /** Stored value at continuous voxel coordinates. */
        private double sample(double x, double y, double z) {
            if (x < -0.5 || y < -0.5 || z < -0.5 || x > nx - 0.5 || y > ny - 0.5 || z > nz - 0.5) {
                return bg;
            }
            if (!trilinear) {
                int i = Math.min((int) Math.floor(x + 0.5), nx - 1);
                int j = Math.min((int) Math.floor(y + 0.5), ny - 1);
                int k = Math.min((int) Math.floor(z + 0.5), nz - 1);
                return vox.getAtIndex(ValueLayout.JAVA_SHORT, k * sliceStride + (long) j * nx + i);
            }
            x = Math.clamp(snap(x), 0, nx - 1);
            y = Math.clamp(snap(y), 0, ny - 1);
            z = Math.clamp(snap(z), 0, nz - 1);
            int i0 = (int) x, j0 = (int) y, k0 = (int) z;
            double fx = x - i0, fy = y - j0, fz = z - k0;
            int di = i0 + 1 < nx ? 1 : 0;
            long dj = j0 + 1 < ny ? nx : 0;
            long dk = k0 + 1 < nz ? sliceStride : 0;
            long o = k0 * sliceStride + (long) j0 * nx + i0;
            double c000 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o);
            double c100 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o + di);
            double c010 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o + dj);
            double c110 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o + dj + di);
            double c001 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o + dk);
            double c101 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o + dk + di);
            double c011 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o + dk + dj);
            double c111 = vox.getAtIndex(ValueLayout.JAVA_SHORT, o + dk + dj + di);
            double c00 = c000 + (c100 - c000) * fx, c10 = c010 + (c110 - c010) * fx;
            double c01 = c001 + (c101 - c001) * fx, c11 = c011 + (c111 - c011) * fx;
            double c0 = c00 + (c10 - c00) * fy, c1 = c01 + (c11 - c01) * fy;
            return c0 + (c1 - c0) * fz;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
