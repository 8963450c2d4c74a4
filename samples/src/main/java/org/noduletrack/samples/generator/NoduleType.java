package org.noduletrack.samples.generator;

/** Attenuation class of a nodule (Fleischner / Lung-RADS terms). */
public enum NoduleType {
    SOLID,
    /** Ground-glass body with a solid core (the core is the same shape, scaled by the solid-core ratio). */
    PART_SOLID,
    GROUND_GLASS
}
