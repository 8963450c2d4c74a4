package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noduletrack.app.viewmodel.Measurement;
import org.noduletrack.app.viewmodel.MeasurementStore;
import org.noduletrack.app.viewmodel.MeasurementTool;
import org.noduletrack.app.viewmodel.MeasurementsViewModel;
import org.noduletrack.app.viewmodel.RoiStats;
import org.noduletrack.app.viewmodel.SliceViewModel;
import org.noduletrack.app.viewmodel.ViewerCommand;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeGeometry;

/** Measurements without the toolkit: LPS storage, slice visibility, ROI statistics on a synthetic volume, persistence. */
class MeasurementViewModelTest {
    static final VolumeGeometry G = ViewModelTest.geometry(0); // 100×80×50, 0.7 × 0.7 × 2.5 mm, origin (−35, −28, 0)

    /** Stored value i + 10·j + 7·k, rescale −1024: HU = i + 10 j + 7 k − 1024. */
    static ShortVolume ramp() {
        return ShortVolume.filled(G, new ValueScale(1, -1024), (short) 0, (i, j, k) -> (short) (i + 10 * j + 7 * k));
    }

    static final class MapStore implements MeasurementStore {
        final Map<String, Measurement> rows = new LinkedHashMap<>();
        final List<Long> patients = new ArrayList<>();

        @Override
        public List<Measurement> load(String seriesUid, String frameOfReference) {
            return rows.values().stream().filter(m -> m.seriesUid().equals(seriesUid)
                    && m.frameOfReference().equals(frameOfReference)).toList();
        }

        @Override
        public void save(long patientRef, Measurement m) {
            patients.add(patientRef);
            rows.put(m.id(), m);
        }

        @Override
        public void delete(String id) { rows.remove(id); }
    }

    static SliceViewModel axial(int width, int height) {
        SliceViewModel vm = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
        vm.viewportWidthProperty().set(width);
        vm.viewportHeightProperty().set(height);
        vm.setGeometry(G);
        return vm;
    }

    @Test
    void lengthIsInPatientMmAndIndependentOfZoomPanAndShownOnlyOnItsSlice() {
        MapStore store = new MapStore();
        MeasurementsViewModel m = new MeasurementsViewModel(store, Runnable::run, Runnable::run);
        m.open(7, "1.2.3", "1.2.3.4", ramp()).join();
        SliceViewModel vm = axial(400, 300);
        m.toolProperty().set(MeasurementTool.LENGTH);
        PlaneLps plane = vm.plane();
        // 30 × 40 screen pixels apart: 50 px × mm/px
        Vec3 a = plane.pixelToLps(100, 100), b = plane.pixelToLps(130, 140);
        Measurement line = m.begin(a, plane).orElseThrow().withB(b);
        assertThat(m.add(line)).isTrue();
        assertThat(line.lengthMm()).isCloseTo(50 * vm.mmPerPixelProperty().get(), within(1e-9));
        assertThat(store.rows).containsKey(line.id());
        assertThat(store.patients).containsExactly(7L);
        // zoom and pan: same mm, different screen place, still on this slice
        vm.apply(new ViewerCommand.Zoom(2.5));
        vm.apply(new ViewerCommand.Pan(37, -12));
        PlaneLps zoomed = vm.plane();
        assertThat(m.onPlane(zoomed, vm.sliceStepMm())).containsExactly(line);
        var pa = zoomed.lpsToPlane(line.a()); var pb = zoomed.lpsToPlane(line.b());
        assertThat(Math.hypot(pb.x() - pa.x(), pb.y() - pa.y()) * vm.mmPerPixelProperty().get())
                .isCloseTo(line.lengthMm(), within(1e-9));
        // next slice: not shown; back: shown
        vm.apply(new ViewerCommand.ScrollSlices(1));
        assertThat(m.onPlane(vm.plane(), vm.sliceStepMm())).isEmpty();
        vm.apply(new ViewerCommand.ScrollSlices(-1));
        assertThat(m.onPlane(vm.plane(), vm.sliceStepMm())).hasSize(1);
        // a coronal view does not show an axial measurement
        SliceViewModel cor = new SliceViewModel(ViewOrientation.CORONAL, WindowLevel.LUNG);
        cor.setGeometry(G);
        cor.moveThrough(line.a());
        assertThat(m.onPlane(cor.plane(), cor.sliceStepMm())).isEmpty();
        // degenerate clicks are not kept
        assertThat(m.add(m.begin(a, plane).orElseThrow())).isFalse();
        // W/L tool draws nothing
        m.toolProperty().set(MeasurementTool.WINDOW_LEVEL);
        assertThat(m.begin(a, plane)).isEmpty();
    }

    @Test
    void ellipseStatisticsMatchTheVoxelsInside() {
        ShortVolume v = ramp();
        // centre on voxel (50, 40, 20): LPS (0, 0, 50); semi-axes 7 mm (10 voxels) and 3.5 mm (5 voxels)
        Vec3 c = G.voxelToLps(50, 40, 20);
        Measurement e = new Measurement("e", Measurement.Kind.ELLIPSE, "s", "f", c.plus(new Vec3(-7, -3.5, 0)),
                c.plus(new Vec3(7, 3.5, 0)), new Vec3(1, 0, 0), new Vec3(0, 1, 0));
        RoiStats s = RoiStats.of(v, e);
        // independent: every (i, j) of slice 20 inside the ellipse, HU from the formula
        int n = 0;
        double sum = 0, sumSq = 0;
        for (int j = 0; j < 80; j++) {
            for (int i = 0; i < 100; i++) {
                double u = (i - 50) / 10.0, w = (j - 40) / 5.0;
                if (u * u + w * w <= 1) {
                    double hu = i + 10 * j + 7 * 20 - 1024;
                    n++;
                    sum += hu;
                    sumSq += hu * hu;
                }
            }
        }
        double mean = sum / n, sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        assertThat(s.voxels()).isEqualTo(n);
        assertThat(s.mean()).isCloseTo(mean, within(1e-9));
        assertThat(s.mean()).isCloseTo(50 + 400 + 140 - 1024, within(1e-9)); // symmetric: the centre's value
        assertThat(s.sd()).isCloseTo(sd, within(1e-9));
        assertThat(s.areaMm2()).isCloseTo(n * 0.49, within(1e-9));
        assertThat(e.ellipseAreaMm2()).isCloseTo(Math.PI * 7 * 3.5, within(1e-9));
        assertThat(s.areaMm2()).isCloseTo(e.ellipseAreaMm2(), within(e.ellipseAreaMm2() * 0.1));

        // a uniform disc: mean is its value, SD 0
        ShortVolume disc = ShortVolume.filled(G, new ValueScale(1, -1024), (short) 0,
                (i, j, k) -> (short) (Math.hypot(i - 50, j - 40) <= 12 ? 1064 : 24)); // 40 HU in, −1000 HU out
        RoiStats d = RoiStats.of(disc, e);
        assertThat(d.mean()).isCloseTo(40, within(1e-9));
        assertThat(d.sd()).isCloseTo(0, within(1e-9));
    }

    @Test
    void restoredWhenTheSeriesIsReopenedAndDeletedWithTheSelection() {
        MapStore store = new MapStore();
        MeasurementsViewModel m = new MeasurementsViewModel(store, Runnable::run, Runnable::run);
        ShortVolume v = ramp();
        m.open(3, "S", "F", v).join();
        m.toolProperty().set(MeasurementTool.ELLIPSE);
        PlaneLps plane = axial(512, 512).plane();
        Measurement e = m.begin(plane.pixelToLps(200, 200), plane).orElseThrow().withB(plane.pixelToLps(240, 230));
        assertThat(m.add(e)).isTrue();
        assertThat(m.stats(e)).isPresent();
        m.close();
        assertThat(m.measurements()).isEmpty();
        m.open(3, "OTHER", "F", v).join();
        assertThat(m.measurements()).isEmpty();
        m.open(3, "S", "F", v).join();
        assertThat(m.measurements()).containsExactly(e);
        assertThat(m.deleteSelected()).isFalse();
        m.selectedProperty().set(e);
        assertThat(m.deleteSelected()).isTrue();
        assertThat(store.rows).isEmpty();
        assertThat(m.measurements()).isEmpty();
    }

    @Test
    void slabAndCineState() {
        SliceViewModel vm = axial(200, 200);
        assertThat(vm.slabProperty().get().thin()).isTrue();
        vm.slabProperty().set(new SlabSpec(10, SlabMode.MIP));
        assertThat(vm.slabProperty().get().sampleCount(0.7)).isEqualTo(15);
        vm.apply(new ViewerCommand.LastSlice());
        vm.advanceCine();
        assertThat(vm.sliceIndex()).isZero(); // wraps to the first
        vm.advanceCine();
        assertThat(vm.sliceIndex()).isEqualTo(1);
    }
}
