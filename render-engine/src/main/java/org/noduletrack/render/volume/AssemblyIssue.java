package org.noduletrack.render.volume;

/** Something about a series' geometry that assembly detected and handled; reported as values, not only logged. */
public sealed interface AssemblyIssue {
    /** One line for logs and reports (no patient data). */
    String describe();

    /** Localizer/scout images left out of every stack. */
    record LocalizersExcluded(int count) implements AssemblyIssue {
        public String describe() { return count + " localizer image(s) excluded"; }
    }

    /** Images without usable geometry (no position/orientation/spacing, colour or unsupported pixels) left out. */
    record ImagesExcluded(int count, String reason) implements AssemblyIssue {
        public String describe() { return count + " image(s) excluded: " + reason; }
    }

    /** One series held several orientations or matrix sizes and was split; this volume is one stack of them. */
    record SeriesSplit(int stackCount, String thisStack) implements AssemblyIssue {
        public String describe() { return "series split into " + stackCount + " stacks (different orientation or size); using " + thisStack; }
    }

    /** Several slices at the same position: the first one (lowest Instance Number) was kept. */
    record DuplicatePositions(int dropped, double firstPositionMm) implements AssemblyIssue {
        public String describe() { return dropped + " slice(s) with duplicated positions dropped (first at " + firstPositionMm + " mm)"; }
    }

    /** Slice spacing varied beyond tolerance; the stack was resampled to uniform spacing. */
    record NonUniformSpacing(double minMm, double maxMm, double resampledToMm) implements AssemblyIssue {
        public String describe() {
            return "non-uniform slice spacing " + minMm + ".." + maxMm + " mm, resampled to " + resampledToMm + " mm";
        }
    }

    /**
     * A gap (spacing over 1.5× the typical one) between slices at {@code fromMm} and {@code toMm} along the normal;
     * output slices {@code firstK..lastK} are interpolated across it and hold no acquired data of their own.
     */
    record Gap(double fromMm, double toMm, int firstK, int lastK) implements AssemblyIssue {
        public String describe() {
            return String.format(java.util.Locale.ROOT, "gap of %.2f mm between %.2f and %.2f mm; slices %d..%d interpolated",
                    toMm - fromMm, fromMm, toMm, firstK, lastK);
        }
    }

    /** The stack direction is not perpendicular to the slices (gantry tilt); slices were sheared onto an orthogonal grid. */
    record GantryTilt(double degrees) implements AssemblyIssue {
        public String describe() { return String.format(java.util.Locale.ROOT, "gantry tilt %.2f deg corrected by shearing", degrees); }
    }

    /** Rescale Slope/Intercept differ between slices; voxels were converted to one common scale (rounded). */
    record RescaleVaries(int distinctScales) implements AssemblyIssue {
        public String describe() { return distinctScales + " different rescale slope/intercept pairs converted to one scale"; }
    }
}
