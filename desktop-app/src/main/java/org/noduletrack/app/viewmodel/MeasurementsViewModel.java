package org.noduletrack.app.viewmodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.ShortVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measurements of the open series: the active tool, the list (patient LPS mm), the selection, ROI statistics
 * (cached per measurement), and persistence through a {@link MeasurementStore} on the {@code io} executor. Plain
 * JavaFX properties and lists: testable without the toolkit.
 */
public final class MeasurementsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(MeasurementsViewModel.class);
    private final MeasurementStore store;
    private final Executor io;
    private final Executor ui;
    private final ObjectProperty<MeasurementTool> tool = new SimpleObjectProperty<>(this, "tool", MeasurementTool.WINDOW_LEVEL);
    private final ObservableList<Measurement> measurements = FXCollections.observableArrayList();
    private final ObjectProperty<Measurement> selected = new SimpleObjectProperty<>(this, "selected");
    private final Map<String, RoiStats> stats = new ConcurrentHashMap<>();
    private long patientRef = -1;
    private String seriesUid;
    private String frameOfReference = "";
    private ShortVolume volume;
    private long generation;

    public MeasurementsViewModel(MeasurementStore store, Executor io, Executor ui) {
        this.store = store;
        this.io = io;
        this.ui = ui;
    }

    public ObjectProperty<MeasurementTool> toolProperty() { return tool; }

    public ObservableList<Measurement> measurements() { return measurements; }

    public ObjectProperty<Measurement> selectedProperty() { return selected; }

    public boolean hasSeries() { return seriesUid != null; }

    /** Shows the measurements of another series (loaded from the store); the future completes once they are listed. */
    public CompletableFuture<Void> open(long patientRef, String seriesUid, String frameOfReference, ShortVolume volume) {
        long gen = ++generation;
        this.patientRef = patientRef;
        this.seriesUid = seriesUid;
        this.frameOfReference = frameOfReference == null ? "" : frameOfReference;
        this.volume = volume;
        measurements.clear();
        selected.set(null);
        stats.clear();
        String uid = seriesUid, forUid = this.frameOfReference;
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.load(uid, forUid);
            } catch (Exception e) {
                LOG.warn("cannot load the measurements of {}: {}", uid, e.toString());
                return List.<Measurement>of();
            }
        }, io).thenAcceptAsync(list -> {
            if (gen == generation) {
                measurements.setAll(list);
            }
        }, ui);
    }

    /** No series shown. */
    public void close() {
        generation++;
        seriesUid = null;
        volume = null;
        measurements.clear();
        selected.set(null);
        stats.clear();
    }

    /** A new measurement of the active tool's kind starting and ending at {@code a} on {@code plane} (not yet added). */
    public Optional<Measurement> begin(Vec3 a, PlaneLps plane) {
        if (seriesUid == null || tool.get() == MeasurementTool.WINDOW_LEVEL || tool.get() == MeasurementTool.NODULE) {
            return Optional.empty();
        }
        Measurement.Kind kind = tool.get() == MeasurementTool.LENGTH ? Measurement.Kind.LENGTH : Measurement.Kind.ELLIPSE;
        return Optional.of(new Measurement(UUID.randomUUID().toString(), kind, seriesUid, frameOfReference, a, a,
                plane.rowDirection(), plane.columnDirection()));
    }

    /** Adds a finished measurement (ignored when degenerate: under 0.5 mm), selects and stores it. */
    public boolean add(Measurement m) {
        boolean degenerate = m.kind() == Measurement.Kind.LENGTH ? m.lengthMm() < 0.5
                : m.radiusRowMm() < 0.25 || m.radiusColumnMm() < 0.25;
        if (degenerate || seriesUid == null) {
            return false;
        }
        measurements.add(m);
        selected.set(m);
        long p = patientRef;
        io.execute(() -> {
            try {
                store.save(p, m);
            } catch (Exception e) {
                LOG.warn("cannot save a measurement: {}", e.toString());
            }
        });
        return true;
    }

    /** Deletes the selected measurement; false when none is selected. */
    public boolean deleteSelected() {
        Measurement m = selected.get();
        if (m == null) {
            return false;
        }
        measurements.remove(m);
        stats.remove(m.id());
        selected.set(null);
        io.execute(() -> {
            try {
                store.delete(m.id());
            } catch (Exception e) {
                LOG.warn("cannot delete a measurement: {}", e.toString());
            }
        });
        return true;
    }

    /** The measurements on the plane a view shows. */
    public List<Measurement> onPlane(PlaneLps plane, double sliceStepMm) {
        return measurements.stream().filter(m -> m.onPlane(plane, sliceStepMm)).toList();
    }

    /** ROI statistics of an ellipse (empty until the slices it covers are loaded). */
    public Optional<RoiStats> stats(Measurement m) {
        if (m.kind() != Measurement.Kind.ELLIPSE || volume == null) {
            return Optional.empty();
        }
        RoiStats s = stats.get(m.id());
        if (s == null) {
            if (!volume.progress().isComplete()) {
                return Optional.empty();
            }
            s = RoiStats.of(volume, m);
            stats.put(m.id(), s);
        }
        return Optional.of(s);
    }
}
