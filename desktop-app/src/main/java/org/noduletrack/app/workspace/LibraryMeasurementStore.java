package org.noduletrack.app.workspace;

import java.util.List;
import org.noduletrack.app.viewmodel.Measurement;
import org.noduletrack.app.viewmodel.MeasurementStore;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.casefolder.Measurements;
import org.noduletrack.dicom.geom.Vec3;

/** Measurements kept in the library database (archive's measurement table), per patient. */
public final class LibraryMeasurementStore implements MeasurementStore {
    private final Measurements table;

    public LibraryMeasurementStore(Measurements table) {
        this.table = table;
    }

    @Override
    public List<Measurement> load(String seriesUid, String frameOfReference) throws ArchiveException {
        return table.forSeries(seriesUid, frameOfReference).stream()
                .map(r -> new Measurement(r.id(), Measurement.Kind.valueOf(r.kind()), r.seriesUid(), r.frameOfReference(),
                        parse(r.pointA()), parse(r.pointB()), parse(r.rowDirection()), parse(r.columnDirection())))
                .toList();
    }

    @Override
    public void save(long patientRef, Measurement m) throws ArchiveException {
        table.save(new Measurements.Row(m.id(), patientRef, m.seriesUid(), m.frameOfReference(), m.kind().name(),
                format(m.a()), format(m.b()), format(m.rowDirection()), format(m.columnDirection()),
                System.currentTimeMillis()));
    }

    @Override
    public void delete(String id) throws ArchiveException {
        table.delete(id);
    }

    static String format(Vec3 v) {
        return String.format(java.util.Locale.ROOT, "%.6f,%.6f,%.6f", v.x(), v.y(), v.z());
    }

    static Vec3 parse(String s) {
        String[] p = s.split(",");
        return new Vec3(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
    }
}
