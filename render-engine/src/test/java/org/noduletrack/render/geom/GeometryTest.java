package org.noduletrack.render.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;

class GeometryTest {
    @Test
    void affineInverseAndComposition() {
        Affine3 a = Affine3.fromColumns(new Vec3(0.7, 0, 0.1), new Vec3(0, 0.7, 0), new Vec3(-0.2, 0, 2.5), new Vec3(-166, -171.7, -340));
        Vec3 p = new Vec3(12, 250, 66);
        assertThat(a.inverse().applyToPoint(a.applyToPoint(p)).distanceTo(p)).isLessThan(1e-9);
        assertThat(a.inverse().after(a).applyToPoint(p).distanceTo(p)).isLessThan(1e-9);
        assertThat(a.applyToVector(new Vec3(1, 0, 0))).isEqualTo(new Vec3(0.7, 0, 0.1));
        double[] m = a.rowMajor();
        m[0] = 99;
        assertThat(a.get(0, 0)).isEqualTo(0.7); // copies out
        assertThatThrownBy(() -> new Affine3(new double[12]).inverse()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void orientationLabels() {
        assertThat(OrientationLabels.of(new Vec3(1, 0, 0))).isEqualTo("L");
        assertThat(OrientationLabels.of(new Vec3(0, -1, 0))).isEqualTo("A");
        assertThat(OrientationLabels.of(new Vec3(0, 0, -1))).isEqualTo("F");
        assertThat(OrientationLabels.of(new Vec3(0.3, -0.9, 0.1))).isEqualTo("AL");
        var axial = OrientationLabels.ofImage(ViewOrientation.AXIAL.rowDirection(), ViewOrientation.AXIAL.columnDirection());
        assertThat(axial).isEqualTo(new OrientationLabels.EdgeLabels("R", "L", "A", "P"));
        var coronal = OrientationLabels.ofImage(ViewOrientation.CORONAL.rowDirection(), ViewOrientation.CORONAL.columnDirection());
        assertThat(coronal).isEqualTo(new OrientationLabels.EdgeLabels("R", "L", "H", "F"));
        var sagittal = OrientationLabels.ofImage(ViewOrientation.SAGITTAL.rowDirection(), ViewOrientation.SAGITTAL.columnDirection());
        assertThat(sagittal).isEqualTo(new OrientationLabels.EdgeLabels("A", "P", "H", "F"));
    }

    @Test
    void slicesTouchedByAPlane() {
        var g = new org.noduletrack.render.volume.VolumeGeometry(new Extent(100, 100, 50), new SpacingMm(1, 1, 2), Vec3.ZERO,
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        // an axial plane on slice 20 needs slice 20 only; between slices both neighbours; a slab its whole thickness
        assertThat(g.slicesTouchedBy(g.planeThrough(ViewOrientation.AXIAL, g.voxelToLps(50, 50, 20)), 0))
                .isEqualTo(new org.noduletrack.render.volume.SliceRange(20, 20));
        assertThat(g.slicesTouchedBy(g.planeThrough(ViewOrientation.AXIAL, g.voxelToLps(50, 50, 20.5)), 0))
                .isEqualTo(new org.noduletrack.render.volume.SliceRange(20, 21));
        assertThat(g.slicesTouchedBy(g.planeThrough(ViewOrientation.AXIAL, g.voxelToLps(50, 50, 20)), 10))
                .isEqualTo(new org.noduletrack.render.volume.SliceRange(17, 23));
        assertThat(g.slicesTouchedBy(g.planeThrough(ViewOrientation.CORONAL, g.centerLps()), 0))
                .isEqualTo(new org.noduletrack.render.volume.SliceRange(0, 49));
    }

    @Test
    void planePixelsAndDistances() {
        ViewOrientation o = ViewOrientation.AXIAL.rotated(30, -20);
        assertThat(o.rowDirection().dot(o.columnDirection())).isCloseTo(0, within(1e-12));
        assertThat(ViewOrientation.AXIAL.normal()).isEqualTo(new Vec3(0, 0, 1));
        PlaneLps plane = new PlaneLps(new Vec3(5, 6, 7), o.rowDirection(), o.columnDirection(), 0.5, 101, 81);
        assertThat(plane.pixelToLps(50, 40).distanceTo(new Vec3(5, 6, 7))).isLessThan(1e-12);
        Vec3 q = plane.pixelToLps(12.25, 70.5).plus(plane.normal().times(3.5));
        PlaneLps.PlanePoint pp = plane.lpsToPlane(q);
        assertThat(pp.x()).isCloseTo(12.25, within(1e-9));
        assertThat(pp.y()).isCloseTo(70.5, within(1e-9));
        assertThat(pp.distanceMm()).isCloseTo(3.5, within(1e-9));
        // distances in mm between pixels
        assertThat(plane.pixelToLps(0, 0).distanceTo(plane.pixelToLps(3, 4))).isCloseTo(2.5, within(1e-12));
        assertThat(plane.offsetAlongNormal(2).lpsToPlane(q).distanceMm()).isCloseTo(1.5, within(1e-9));
    }
}
