package org.noduletrack.app.ui;

/**
 * How far shown pixels are from reference pixels: the largest per-channel difference over the whole image, and how
 * many pixels differ at all. Images of different sizes never compare equal.
 */
record GreyDifference(int max, int differing, int pixels) {
    static GreyDifference of(int[] shown, int[] reference) {
        if (shown.length != reference.length) {
            return new GreyDifference(255, Math.max(shown.length, reference.length), Math.max(shown.length, reference.length));
        }
        int max = 0, differing = 0;
        for (int i = 0; i < shown.length; i++) {
            int worst = 0;
            for (int shift = 0; shift < 24; shift += 8) { // red, green, blue; alpha is 255 on both
                worst = Math.max(worst, Math.abs((shown[i] >>> shift & 0xFF) - (reference[i] >>> shift & 0xFF)));
            }
            max = Math.max(max, worst);
            differing += worst > 0 ? 1 : 0;
        }
        return new GreyDifference(max, differing, shown.length);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "max %d grey level(s), %d of %d pixels differ", max, differing, pixels);
    }
}
