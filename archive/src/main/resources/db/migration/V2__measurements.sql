-- Measurements drawn in the workstation, per patient, keyed by series UID and frame of reference.
-- Points are patient LPS mm ("x,y,z"); the plane is given by its row and column directions ("x,y,z").
CREATE TABLE measurement (
    id                 TEXT    PRIMARY KEY,
    patient_ref        INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
    series_uid         TEXT    NOT NULL,
    frame_of_reference TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    point_a            TEXT    NOT NULL,
    point_b            TEXT    NOT NULL,
    row_direction      TEXT    NOT NULL,
    column_direction   TEXT    NOT NULL,
    created_at         INTEGER NOT NULL
);

CREATE INDEX measurement_by_series ON measurement(series_uid, frame_of_reference);
CREATE INDEX measurement_by_patient ON measurement(patient_ref);
