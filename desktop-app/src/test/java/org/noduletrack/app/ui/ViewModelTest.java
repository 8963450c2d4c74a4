package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.noduletrack.app.viewmodel.CompareViewModel;
import org.noduletrack.app.viewmodel.MprViewModel;
import org.noduletrack.app.viewmodel.SliceViewModel;
import org.noduletrack.app.viewmodel.ViewerCommand;
import org.noduletrack.app.viewmodel.WindowPreset;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.VolumeGeometry;

/** View-models without the JavaFX toolkit: slice stepping, presets, MPR crosshair and prior linking. */
class ViewModelTest {
    /** 100×80×50 voxels, 0.7 mm in plane, 2.5 mm slices, first slice at z = −200. */
    static VolumeGeometry geometry(double z0) {
        return new VolumeGeometry(new Extent(100, 80, 50), new SpacingMm(0.7, 0.7, 2.5), new Vec3(-35, -28, z0),
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
    }

    @Test
    void scrollsByWholeSlicesFromTheHeadAndClamps() {
        SliceViewModel vm = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        vm.setGeometry(geometry(-200));
        assertThat(vm.sliceCount()).isEqualTo(50);
        assertThat(vm.sliceIndex()).isEqualTo(25);
        double z = vm.positionMm();
        vm.apply(new ViewerCommand.ScrollSlices(10));
        assertThat(vm.sliceIndex()).isEqualTo(35);
        assertThat(vm.positionMm()).isCloseTo(z - 25, within(1e-9)); // towards the feet
        vm.apply(new ViewerCommand.FirstSlice());
        assertThat(vm.sliceIndex()).isZero();
        assertThat(vm.positionMm()).isCloseTo(-200 + 49 * 2.5, within(1e-9)); // most cranial
        vm.apply(new ViewerCommand.ScrollSlices(-5));
        assertThat(vm.sliceIndex()).isZero();
        vm.apply(new ViewerCommand.LastSlice());
        assertThat(vm.sliceIndex()).isEqualTo(49);
        vm.apply(new ViewerCommand.ScrollSlices(3));
        assertThat(vm.sliceIndex()).isEqualTo(49);
    }

    @Test
    void presetsZoomPanResetAndFit() {
        SliceViewModel vm = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        vm.viewportWidthProperty().set(200);
        vm.viewportHeightProperty().set(100);
        vm.setGeometry(geometry(0));
        double fitted = vm.mmPerPixelProperty().get();
        assertThat(fitted).isCloseTo((79 * 0.7 + 0.7) / 100, within(1e-9)); // the height limits: 80 voxels over 100 px
        vm.apply(new ViewerCommand.ApplyPreset(WindowPreset.MEDIASTINUM));
        assertThat(vm.windowProperty().get()).isEqualTo(new WindowLevel(400, 40));
        assertThat(org.noduletrack.app.viewmodel.WindowPresets.DEFAULTS.forDigit(3).orElseThrow().window()).isEqualTo(new WindowLevel(1500, 300));
        assertThat(org.noduletrack.app.viewmodel.WindowPresets.DEFAULTS.forDigit(4).orElseThrow().window()).isEqualTo(new WindowLevel(350, 50));
        vm.apply(new ViewerCommand.Zoom(2));
        assertThat(vm.mmPerPixelProperty().get()).isCloseTo(fitted / 2, within(1e-12));
        Vec3 c = vm.centerProperty().get();
        vm.apply(new ViewerCommand.Pan(10, 0));
        assertThat(vm.centerProperty().get().x()).isCloseTo(c.x() - 10 * fitted / 2, within(1e-9));
        vm.apply(new ViewerCommand.AdjustWindow(40, 0));
        assertThat(vm.windowProperty().get().width()).isGreaterThan(400);
        vm.apply(new ViewerCommand.ScrollSlices(4));
        vm.apply(new ViewerCommand.Fit());
        assertThat(vm.mmPerPixelProperty().get()).isCloseTo(fitted, within(1e-12));
        assertThat(vm.sliceIndex()).isEqualTo(29); // fit keeps the slice
        vm.apply(new ViewerCommand.Reset());
        assertThat(vm.sliceIndex()).isEqualTo(25);
        assertThat(vm.windowProperty().get()).isEqualTo(WindowLevel.LUNG);
    }

    @Test
    void mprCrosshairMovesTheOtherPlanesAndScrollingMovesTheCrosshair() {
        SliceViewModel axial = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        VolumeGeometry g = geometry(-200);
        axial.setGeometry(g);
        MprViewModel mpr = new MprViewModel(axial, WindowLevel.LUNG);
        mpr.start(g);
        Vec3 p = new Vec3(5.6, -7, -150);
        mpr.crosshairProperty().set(p);
        assertThat(mpr.coronal().positionMm()).isCloseTo(p.dot(ViewOrientation.CORONAL.normal()), within(1e-9));
        assertThat(mpr.sagittal().positionMm()).isCloseTo(p.dot(ViewOrientation.SAGITTAL.normal()), within(1e-9));
        assertThat(axial.positionMm()).isCloseTo(-150, within(1e-9));
        Vec3 coronalCenter = mpr.coronal().centerProperty().get();
        axial.apply(new ViewerCommand.ScrollSlices(2));
        assertThat(mpr.crosshairProperty().get().z()).isCloseTo(-155, within(1e-9));
        assertThat(mpr.coronal().centerProperty().get()).isEqualTo(coronalCenter); // in-plane move only
        axial.apply(new ViewerCommand.ApplyPreset(WindowPreset.BONE));
        assertThat(mpr.sagittal().windowProperty().get()).isEqualTo(WindowPreset.BONE.window());
    }

    /**
     * Oblique MPR from first principles: turning the crosshair by θ turns the coronal and sagittal normals by θ about the
     * axial normal (their angle to the unturned normals is θ, they stay perpendicular to the axial normal and to each
     * other), both planes still pass through the crosshair, and a full turn gives back the orthogonal planes.
     */
    @Test
    void turningTheCrosshairMakesCoronalAndSagittalObliqueThroughTheSamePoint() {
        SliceViewModel axial = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        VolumeGeometry g = geometry(-200);
        axial.setGeometry(g);
        MprViewModel mpr = new MprViewModel(axial, WindowLevel.LUNG);
        mpr.start(g);
        Vec3 p = new Vec3(5.6, -7, -150);
        mpr.crosshairProperty().set(p);

        mpr.rotateOblique(20);
        mpr.rotateOblique(10);
        double cos30 = Math.cos(Math.toRadians(30));
        for (SliceViewModel v : java.util.List.of(mpr.coronal(), mpr.sagittal())) {
            Vec3 n = v.normal();
            Vec3 unturned = v.orientation().normal();
            assertThat(n.dot(unturned)).as("turned by 30 degrees").isCloseTo(cos30, within(1e-9));
            assertThat(n.dot(axial.normal())).as("still upright").isCloseTo(0, within(1e-9));
            assertThat(v.centerProperty().get().minus(p).dot(n)).as("through the crosshair").isCloseTo(0, within(1e-9));
            assertThat(v.rowDirection().dot(n)).isCloseTo(0, within(1e-9));
            assertThat(v.columnDirection().dot(n)).isCloseTo(0, within(1e-9));
        }
        assertThat(mpr.coronal().normal().dot(mpr.sagittal().normal())).isCloseTo(0, within(1e-9));
        // the coronal normal (anterior-posterior) turned by 30 degrees gains a left-right component of sin 30
        assertThat(Math.abs(mpr.coronal().normal().x())).isCloseTo(0.5, within(1e-9));

        Vec3 q = new Vec3(-3, 4, -140);
        mpr.crosshairProperty().set(q);
        for (SliceViewModel v : java.util.List.of(mpr.coronal(), mpr.sagittal())) {
            assertThat(v.centerProperty().get().minus(q).dot(v.normal())).isCloseTo(0, within(1e-9));
        }
        mpr.rotateOblique(330);
        assertThat(mpr.obliqueDegreesProperty().get()).isCloseTo(0, within(1e-9));
        assertThat(mpr.coronal().normal().dot(ViewOrientation.CORONAL.normal())).isCloseTo(1, within(1e-9));
    }

    @Test
    void priorFollowsTheCurrentTablePositionAndLoadingItMovesNothing() {
        SliceViewModel prior = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        SliceViewModel current = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        CompareViewModel compare = new CompareViewModel(prior, current);
        current.setGeometry(geometry(-200));
        current.apply(new ViewerCommand.ScrollSlices(7));
        double z = current.positionMm();
        compare.unlinked(() -> prior.setGeometry(geometry(-190)));
        assertThat(current.positionMm()).isEqualTo(z);
        compare.align();
        assertThat(prior.positionMm()).isCloseTo(z, within(1e-9));
        current.apply(new ViewerCommand.ScrollSlices(4));
        assertThat(prior.positionMm()).isCloseTo(z - 10, within(1e-9));
        prior.apply(new ViewerCommand.ScrollSlices(-2));
        assertThat(current.positionMm()).isCloseTo(z - 5, within(1e-9));
    }

    @Test
    void settingsPersistLanguageLayoutAndLibrary(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("cfg").resolve("settings.properties");
        org.noduletrack.app.Settings s = org.noduletrack.app.Settings.load(file);
        s.put(org.noduletrack.app.Settings.LANGUAGE, "zh-CN");
        s.put(org.noduletrack.app.Settings.LAYOUT, "MPR");
        s.put(org.noduletrack.app.Settings.LAST_LIBRARY, "/data/lib");
        org.noduletrack.app.Settings again = org.noduletrack.app.Settings.load(file);
        assertThat(again.locale()).isEqualTo(java.util.Locale.SIMPLIFIED_CHINESE);
        assertThat(again.get(org.noduletrack.app.Settings.LAYOUT)).contains("MPR");
        assertThat(again.get(org.noduletrack.app.Settings.LAST_LIBRARY)).contains("/data/lib");
        assertThat(new org.noduletrack.app.Messages(again.locale()).get("plane.axial")).isEqualTo("轴位");
        assertThat(new org.noduletrack.app.Messages(java.util.Locale.ENGLISH).get("overlay.image", 5, 1234))
                .isEqualTo("Im 5 / 1234");
    }

    @Test
    void englishAndChineseBundlesHaveTheSameKeys() throws Exception {
        Properties en = load("/org/noduletrack/app/messages.properties");
        Properties zh = load("/org/noduletrack/app/messages_zh_CN.properties");
        assertThat(en).isNotEmpty();
        assertThat(zh.keySet()).isEqualTo(en.keySet());
    }

    private static Properties load(String resource) throws Exception {
        Properties p = new Properties();
        try (InputStream in = ViewModelTest.class.getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
