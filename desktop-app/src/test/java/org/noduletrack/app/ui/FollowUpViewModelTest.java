package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.noduletrack.app.viewmodel.CompareViewModel;
import org.noduletrack.app.viewmodel.NoduleOutline;
import org.noduletrack.app.viewmodel.SliceViewModel;
import org.noduletrack.app.viewmodel.ViewerCommand;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeGeometry;

/** Linked viewing through a registration and nodule outlines, checked against geometry worked out by hand. */
class FollowUpViewModelTest {
    static final VolumeGeometry G = new VolumeGeometry(new Extent(200, 200, 100), new SpacingMm(1, 1, 1),
            new Vec3(-100, -100, -50), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    @Test
    void priorFollowsTheCurrentThroughTheTransformAndBack() {
        SliceViewModel current = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        SliceViewModel prior = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        CompareViewModel compare = new CompareViewModel(prior, current);
        current.setGeometry(G);
        prior.setGeometry(G);
        // the prior scan lies rotated by 90° about the patient's long axis and shifted: (x, y, z) ↦ (−y + 4, x − 6, z + 3)
        Affine3 currentToPrior = new Affine3(new double[] {0, -1, 0, 4, 1, 0, 0, -6, 0, 0, 1, 3});
        compare.currentToPriorProperty().set(currentToPrior);

        current.centerProperty().set(new Vec3(10, 20, 5));
        assertThat(prior.centerProperty().get().distanceTo(new Vec3(-16, 4, 8))).isLessThan(1e-9);
        // the prior's screen axes are the current's, rotated: screen-right (patient left, +x) becomes +y there
        assertThat(prior.rowDirection().distanceTo(new Vec3(0, 1, 0))).isLessThan(1e-9);
        assertThat(prior.columnDirection().distanceTo(new Vec3(-1, 0, 0))).isLessThan(1e-9);
        assertThat(prior.mmPerPixelProperty().get()).isEqualTo(current.mmPerPixelProperty().get());

        // three slices further in the prior (towards the feet, along its normal −z) → the current moves 3 mm too
        prior.apply(new ViewerCommand.ScrollSlices(3));
        Vec3 p = prior.centerProperty().get();
        assertThat(p.z()).isCloseTo(5.0, offset(1e-9));
        assertThat(current.centerProperty().get().distanceTo(new Vec3(10, 20, 2))).isLessThan(1e-9);

        // zooming either view zooms both
        prior.apply(new ViewerCommand.Zoom(2));
        assertThat(current.mmPerPixelProperty().get()).isEqualTo(prior.mmPerPixelProperty().get());

        // without a registration: table position only, axes unrotated
        compare.currentToPriorProperty().set(null);
        assertThat(prior.rowDirection()).isEqualTo(new Vec3(1, 0, 0));
        current.moveToPosition(-7);
        assertThat(prior.positionMm()).isCloseTo(-7, offset(1e-9));
    }

    @Test
    void outlineOfASphereIsACircleOfTheCrossSectionRadius() {
        double r = 5, step = 0.5;
        Vec3 c = new Vec3(0.3, -0.2, 0.1);
        VolumeGeometry g = new VolumeGeometry(new Extent(60, 60, 60), new SpacingMm(step, step, step),
                new Vec3(-15, -15, -15), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        // HU 0 inside, −900 outside (stored = HU + 1024)
        ShortVolume v = ShortVolume.filled(g, new ValueScale(1, -1024), (short) 0,
                (i, j, k) -> (short) (g.voxelToLps(i, j, k).distanceTo(c) <= r ? 1024 : 124));
        Measurement m = new Measurement(new SeriesRef("1.2.3", "1.2.4"), c, 4 * Math.PI * r * r * r / 3, 2 * r, 2 * r, 2 * r,
                2 * r, 2 * r, 0, 0, 0, NoduleType.SOLID, 1000, 30);
        Segmentation seg = new Segmentation(m, -900, 0, -450, 1, r);
        for (double off : new double[] {0, 3, -4}) {
            Vec3 onPlane = new Vec3(0, 0, c.z() + off);
            List<NoduleOutline.Segment> axial = NoduleOutline.onPlane(v, seg, onPlane, new Vec3(1, 0, 0), new Vec3(0, 1, 0));
            double expected = Math.sqrt(r * r - off * off);
            assertThat(axial).as("outline at %.0f mm", off).hasSizeGreaterThan(20);
            for (NoduleOutline.Segment s : axial) {
                for (Vec3 p : List.of(s.aLps(), s.bLps())) {
                    assertThat(p.z()).isCloseTo(c.z() + off, offset(1e-9));
                    // voxelised edge, interpolated between slices: within one voxel of the true circle
                    assertThat(Math.hypot(p.x() - c.x(), p.y() - c.y())).isCloseTo(expected, offset(step));
                }
            }
        }
        // an oblique plane through the centre: a great circle
        Vec3 row = new Vec3(1, 1, 0).normalized(), col = new Vec3(0, 0, 1);
        for (NoduleOutline.Segment s : NoduleOutline.onPlane(v, seg, c, row, col)) {
            assertThat(s.aLps().distanceTo(c)).isCloseTo(r, offset(step * 0.75));
        }
        // a plane that misses the sphere draws nothing
        assertThat(NoduleOutline.onPlane(v, seg, new Vec3(0, 0, c.z() + 6.5), new Vec3(1, 0, 0), new Vec3(0, 1, 0))).isEmpty();

        // the same sphere as a voxel mask (the display mask the 3D view meshes): its cut is the same circle
        int n = 60;
        boolean[] inside = new boolean[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    inside[(k * n + j) * n + i] = g.voxelToLps(i, j, k).distanceTo(c) <= r;
                }
            }
        }
        var field = NoduleOutline.MaskField.of(new org.noduletrack.nodule.mesh.VoxelMask(n, n, n, g.ijkToLps(), inside));
        for (double off : new double[] {0, 3}) {
            List<NoduleOutline.Segment> cut = NoduleOutline.onPlane(field, new Vec3(0, 0, c.z() + off), new Vec3(1, 0, 0),
                    new Vec3(0, 1, 0));
            assertThat(cut).hasSizeGreaterThan(20);
            for (NoduleOutline.Segment s : cut) {
                assertThat(Math.hypot(s.aLps().x() - c.x(), s.aLps().y() - c.y()))
                        .isCloseTo(Math.sqrt(r * r - off * off), offset(step));
            }
        }
        assertThat(NoduleOutline.onPlane(field, new Vec3(0, 0, c.z() + 7), new Vec3(1, 0, 0), new Vec3(0, 1, 0))).isEmpty();
    }
}
