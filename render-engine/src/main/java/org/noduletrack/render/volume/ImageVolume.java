package org.noduletrack.render.volume;

/**
 * Voxels plus their patient geometry; no view state (window, camera) ever lives here. Implementations keep voxels
 * off-heap and are safe to read from any thread; {@link #close()} frees the memory once no renderer uses the volume.
 */
public sealed interface ImageVolume extends AutoCloseable permits ShortVolume {
    VolumeGeometry geometry();

    /** Stored voxel → modality units (HU for CT). */
    ValueScale valueScale();

    LoadProgress progress();

    /** Bytes of voxel storage held off-heap. */
    long voxelBytes();

    @Override
    void close();
}
