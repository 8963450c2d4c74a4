package org.noduletrack.render.api;

import org.noduletrack.render.geom.PlaneLps;

/** What to draw: a plane through the volume, with slab, interpolation, window and colour LUT. */
public record RenderRequest(PlaneLps plane, SlabSpec slab, Interpolation interpolation, WindowLevel window, ColorLut lut) {
    public static RenderRequest of(PlaneLps plane, WindowLevel window) {
        return new RenderRequest(plane, SlabSpec.THIN, Interpolation.TRILINEAR, window, ColorLut.GREY);
    }

    public RenderRequest withSlab(SlabSpec s) { return new RenderRequest(plane, s, interpolation, window, lut); }

    public RenderRequest withInterpolation(Interpolation i) { return new RenderRequest(plane, slab, i, window, lut); }

    public RenderRequest withPlane(PlaneLps p) { return new RenderRequest(p, slab, interpolation, window, lut); }
}
