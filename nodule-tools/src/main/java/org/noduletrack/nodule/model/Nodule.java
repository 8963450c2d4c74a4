package org.noduletrack.nodule.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A tracked nodule: its measurements by study date, oldest first. */
public record Nodule(String id, List<DatedMeasurement> history) {
    public record DatedMeasurement(LocalDate studyDate, Measurement measurement) {
        public DatedMeasurement {
            Objects.requireNonNull(studyDate, "studyDate");
            Objects.requireNonNull(measurement, "measurement");
        }
    }

    public Nodule {
        Objects.requireNonNull(id, "id");
        history = history.stream().sorted(java.util.Comparator.comparing(DatedMeasurement::studyDate)).toList();
    }
}
