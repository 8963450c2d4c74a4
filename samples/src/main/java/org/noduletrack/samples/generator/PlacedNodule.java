package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * A nodule as it appears in one timepoint's scan: centre in that scan's LPS, the rotation from scan LPS to the nodule's
 * local axes, and the linear scale of its growth law at that date. Nodules move with the anatomy but are not strained
 * by the breathing field (they are carried rigidly: rotation of the patient, translation of the deformed centre), so
 * their true volume is exactly the growth law's and does not depend on the deformation's local Jacobian.
 */
public record PlacedNodule(NoduleSpec spec, Vec3 centreMm, double[] currentToLocal, double scale) {
    public PlacedNodule {
        currentToLocal = currentToLocal.clone();
    }

    public static PlacedNodule at(NoduleSpec spec, TimepointTransform transform, double daysFromBaseline) {
        Vec3 centre = transform.toCurrent(spec.centreBaselineMm());
        // local = Rn^T * R * (x - centre): R maps current directions to baseline ones, Rn^T baseline to local
        double[] m = Rigid3.multiply(Rigid3.transpose(spec.orientation()), transform.currentToBaselineRigid().rotationRowMajor());
        return new PlacedNodule(spec, centre, m, spec.scaleAt(daysFromBaseline));
    }

    @Override
    public double[] currentToLocal() { return currentToLocal.clone(); }

    public Vec3 toLocal(Vec3 current) { return Rigid3.apply(currentToLocal, current.minus(centreMm)); }

    public double boundingRadiusMm() { return spec.shape().maxRadius() * scale; }

    public double volumeMm3() { return spec.shape().volumeMm3() * scale * scale * scale; }

    public double solidVolumeMm3() {
        return switch (spec.type()) {
            case SOLID -> volumeMm3();
            case PART_SOLID -> volumeMm3() * Math.pow(spec.solidCoreRatio(), 3);
            case GROUND_GLASS -> 0;
        };
    }

    /**
     * Long axis and perpendicular short axis (caliper width) of the nodule's cross-section in this scan's axial plane
     * through its centre, times {@code coreRatio} (1 for the whole nodule): what a reader measures on the axial image.
     */
    public double[] axialDiametersMm(double coreRatio) {
        int n = 720;
        double[] px = new double[n];
        double[] py = new double[n];
        for (int a = 0; a < n; a++) {
            double th = 2 * Math.PI * a / n;
            Vec3 dirCurrent = new Vec3(Math.cos(th), Math.sin(th), 0);
            Vec3 dirLocal = Rigid3.apply(currentToLocal, dirCurrent);
            double r = spec.shape().radius(dirLocal) * scale * coreRatio;
            px[a] = r * dirCurrent.x();
            py[a] = r * dirCurrent.y();
        }
        double best = -1;
        int bi = 0;
        int bj = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = (px[i] - px[j]) * (px[i] - px[j]) + (py[i] - py[j]) * (py[i] - py[j]);
                if (d > best) {
                    best = d;
                    bi = i;
                    bj = j;
                }
            }
        }
        double longAxis = Math.sqrt(best);
        double ux = -(py[bj] - py[bi]) / longAxis;
        double uy = (px[bj] - px[bi]) / longAxis;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double p = px[i] * ux + py[i] * uy;
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        return new double[] {longAxis, max - min};
    }
}
