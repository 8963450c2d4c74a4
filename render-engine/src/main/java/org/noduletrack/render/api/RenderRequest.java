package org.noduletrack.render.api;

import org.noduletrack.render.geom.PlaneLps;

/**
 * What to draw: a plane through the volume, with slab, interpolation, window, colour LUT and how pixels outside the
 * volume look ({@link Outside#BACKGROUND} unless asked otherwise).
 */
public record RenderRequest(PlaneLps plane, SlabSpec slab, Interpolation interpolation, WindowLevel window, ColorLut lut,
                            Outside outside) {
    public RenderRequest {
        if (outside == null) {
            outside = Outside.BACKGROUND;
        }
    }

    public RenderRequest(PlaneLps plane, SlabSpec slab, Interpolation interpolation, WindowLevel window, ColorLut lut) {
        this(plane, slab, interpolation, window, lut, Outside.BACKGROUND);
    }

    public static RenderRequest of(PlaneLps plane, WindowLevel window) {
        return new RenderRequest(plane, SlabSpec.THIN, Interpolation.TRILINEAR, window, ColorLut.GREY, Outside.BACKGROUND);
    }

    public RenderRequest withSlab(SlabSpec s) { return new RenderRequest(plane, s, interpolation, window, lut, outside); }

    public RenderRequest withInterpolation(Interpolation i) { return new RenderRequest(plane, slab, i, window, lut, outside); }

    public RenderRequest withPlane(PlaneLps p) { return new RenderRequest(p, slab, interpolation, window, lut, outside); }

    public RenderRequest withOutside(Outside o) { return new RenderRequest(plane, slab, interpolation, window, lut, o); }
}
