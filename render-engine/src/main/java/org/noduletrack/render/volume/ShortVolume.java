package org.noduletrack.render.volume;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.noduletrack.render.geom.Extent;

/**
 * A volume of signed 16-bit voxels in one contiguous off-heap segment, i fastest, then j, then k (slice after slice), so
 * memory is exactly the voxel bytes plus a fixed overhead and a 1000×512×512 series needs no Java heap. Voxels outside
 * the grid, and those of slices still loading, read as {@link #backgroundStored()}.
 */
public final class ShortVolume implements ImageVolume {
    /** Fills a synthetic volume voxel by voxel (tests, phantoms). */
    @FunctionalInterface
    public interface VoxelFunction {
        short at(int i, int j, int k);
    }

    private final VolumeGeometry geometry;
    private final ValueScale valueScale;
    private final short backgroundStored;
    private final Arena arena;
    private final MemorySegment voxels;
    private final LoadProgress progress;
    private final int nx, ny, nz;

    private ShortVolume(VolumeGeometry geometry, ValueScale valueScale, short backgroundStored, LoadProgress progress) {
        this.geometry = geometry;
        this.valueScale = valueScale;
        this.backgroundStored = backgroundStored;
        Extent e = geometry.extent();
        this.nx = e.nx();
        this.ny = e.ny();
        this.nz = e.nz();
        this.arena = Arena.ofShared();
        this.voxels = allocateZeroed(arena, e.voxelCount() * 2);
        this.progress = progress;
        if (backgroundStored != 0) {
            short[] bg = new short[nx * ny];
            java.util.Arrays.fill(bg, backgroundStored);
            for (int k = 0; k < nz; k++) {
                writeSlice(k, bg);
            }
        }
    }

    private static final MethodHandle CALLOC, FREE;

    static {
        MethodHandle calloc = null, free = null;
        try {
            Linker linker = Linker.nativeLinker();
            calloc = linker.downcallHandle(linker.defaultLookup().find("calloc").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            free = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        } catch (RuntimeException | Error e) {
            calloc = null; // no native access: Arena.allocate below
        }
        CALLOC = calloc;
        FREE = free;
    }

    /**
     * Zeroed off-heap memory tied to {@code arena}. Large blocks come from the C library's calloc, whose fresh pages are
     * zero without being written (the kernel maps them lazily), so allocating a 600-slice volume costs microseconds and
     * the pages are touched by the loading threads as slices arrive; {@link Arena#allocate} would first write every
     * byte on the calling thread (~0.3 s for 300 MB). Falls back to it without native access.
     */
    private static MemorySegment allocateZeroed(Arena arena, long bytes) {
        if (CALLOC != null && bytes >= (1 << 20)) {
            try {
                MemorySegment p = (MemorySegment) CALLOC.invokeExact(bytes, 1L);
                if (!p.equals(MemorySegment.NULL)) {
                    return p.reinterpret(bytes, arena, ShortVolume::free);
                }
            } catch (Throwable e) {
                // fall through to the arena
            }
        }
        return arena.allocate(bytes, 64);
    }

    private static void free(MemorySegment p) {
        try {
            FREE.invokeExact(p);
        } catch (Throwable e) {
            throw new IllegalStateException("free failed", e);
        }
    }

    /** An empty volume that assembly fills slice by slice. */
    static ShortVolume forLoading(VolumeGeometry geometry, ValueScale valueScale, short backgroundStored) {
        return new ShortVolume(geometry, valueScale, backgroundStored, new LoadProgress(geometry.extent().nz()));
    }

    /** A complete synthetic volume. */
    public static ShortVolume filled(VolumeGeometry geometry, ValueScale valueScale, short backgroundStored, VoxelFunction f) {
        ShortVolume v = new ShortVolume(geometry, valueScale, backgroundStored, LoadProgress.complete(geometry.extent().nz()));
        short[] slice = new short[v.nx * v.ny];
        for (int k = 0; k < v.nz; k++) {
            for (int j = 0; j < v.ny; j++) {
                for (int i = 0; i < v.nx; i++) {
                    slice[j * v.nx + i] = f.at(i, j, k);
                }
            }
            v.writeSlice(k, slice);
        }
        return v;
    }

    @Override public VolumeGeometry geometry() { return geometry; }

    @Override public ValueScale valueScale() { return valueScale; }

    @Override public LoadProgress progress() { return progress; }

    @Override public long voxelBytes() { return voxels.byteSize(); }

    /** The value voxels outside the grid (and not yet loaded) have: air (−1024 HU) for CT, else 0. */
    public short backgroundStored() { return backgroundStored; }

    public short voxel(int i, int j, int k) {
        return voxels.getAtIndex(ValueLayout.JAVA_SHORT, ((long) k * ny + j) * nx + i);
    }

    public double modalityValue(int i, int j, int k) { return valueScale.toModality(voxel(i, j, k)); }

    /** All voxels, read-only (i fastest, then j, then k; native byte order). */
    public MemorySegment voxels() { return voxels.asReadOnly(); }

    /** One slice's voxels, read-only. */
    public MemorySegment slice(int k) {
        long bytes = (long) nx * ny * 2;
        return voxels.asSlice(k * bytes, bytes).asReadOnly();
    }

    void writeSlice(int k, short[] values) {
        MemorySegment.copy(values, 0, voxels, ValueLayout.JAVA_SHORT, (long) k * nx * ny * 2, nx * ny);
    }

    /** Frees the voxel memory; any later access throws {@link IllegalStateException}. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "ShortVolume[" + geometry.extent() + ", " + geometry.spacingMm() + "]";
    }
}
