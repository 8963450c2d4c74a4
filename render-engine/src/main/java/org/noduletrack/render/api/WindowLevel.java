package org.noduletrack.render.api;

/**
 * Display window in modality units (HU for CT): values from {@code center − width/2} to {@code center + width/2} map
 * linearly to grey 0..1 (DICOM's LINEAR_EXACT), then to 8 bits by rounding. Both reslicers use exactly this mapping.
 */
public record WindowLevel(double width, double center) {
    /** Lung window, the workstation's default for chest CT. */
    public static final WindowLevel LUNG = new WindowLevel(1500, -600);

    public WindowLevel {
        if (!(width > 0) || !Double.isFinite(width) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("invalid window " + width + "/" + center);
        }
    }

    /** Parses "W/L", e.g. "1500/-600". */
    public static WindowLevel parse(String text) {
        String[] p = text.strip().split("/");
        if (p.length != 2) {
            throw new IllegalArgumentException("window must be WIDTH/LEVEL, e.g. 1500/-600: " + text);
        }
        return new WindowLevel(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()));
    }

    public double lower() { return center - width / 2; }

    /** Grey level 0..255 of a modality value. */
    public int grey8(double value) {
        double g = Math.clamp((value - lower()) / width, 0.0, 1.0);
        return (int) Math.floor(g * 255 + 0.5);
    }
}
