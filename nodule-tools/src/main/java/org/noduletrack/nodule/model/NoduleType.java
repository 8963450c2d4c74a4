package org.noduletrack.nodule.model;

/** Attenuation class of a nodule, as the guidelines use it. */
public enum NoduleType {
    SOLID, PART_SOLID, GROUND_GLASS;

    public boolean isSubsolid() { return this != SOLID; }
}
