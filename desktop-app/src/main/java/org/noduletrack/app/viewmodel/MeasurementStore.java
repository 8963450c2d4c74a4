package org.noduletrack.app.viewmodel;

import java.util.List;

/** Where measurements are kept (the library's measurement table; a map in tests). Called off the FX thread. */
public interface MeasurementStore {
    List<Measurement> load(String seriesUid, String frameOfReference) throws Exception;

    void save(long patientRef, Measurement m) throws Exception;

    void delete(String id) throws Exception;

    /** Keeps nothing. */
    MeasurementStore NONE = new MeasurementStore() {
        @Override
        public List<Measurement> load(String seriesUid, String frameOfReference) { return List.of(); }

        @Override
        public void save(long patientRef, Measurement m) {}

        @Override
        public void delete(String id) {}
    };
}
