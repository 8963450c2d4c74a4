package org.noduletrack.render.volume;

/** Slices {@code firstK..lastK} (inclusive) of a volume. */
public record SliceRange(int firstK, int lastK) {
    public SliceRange {
        if (lastK < firstK) {
            throw new IllegalArgumentException("empty slice range " + firstK + ".." + lastK);
        }
    }

    public int count() { return lastK - firstK + 1; }
}
