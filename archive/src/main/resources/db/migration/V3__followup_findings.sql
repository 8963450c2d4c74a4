-- Follow-up findings per patient (issue #9), saved so that the follow-up reopens exactly as left: the current CT and
-- the priors compared with it (with their registration), the guideline inputs, and per nodule its seed and, per study,
-- the match state and the measurement. Points are patient LPS mm of that study as "x,y,z"; the registration matrix is
-- current LPS -> prior LPS, 12 numbers row-major (3x4). Numbers are written so that they read back bit-exact.
CREATE TABLE followup_case (
    patient_ref          INTEGER PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE,
    current_study_uid    TEXT    NOT NULL,
    current_series_uid   TEXT    NOT NULL,
    setting              TEXT    NOT NULL,
    age_years            INTEGER,
    high_risk            INTEGER NOT NULL,
    known_primary_cancer INTEGER NOT NULL,
    immunocompromised    INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    updated_by           TEXT    NOT NULL
);

CREATE TABLE followup_prior (
    patient_ref      INTEGER NOT NULL REFERENCES followup_case(patient_ref) ON DELETE CASCADE,
    ordinal          INTEGER NOT NULL,
    study_uid        TEXT    NOT NULL,
    series_uid       TEXT    NOT NULL,
    current_to_prior TEXT    NOT NULL,
    ncc              REAL    NOT NULL,
    PRIMARY KEY (patient_ref, series_uid)
);

CREATE TABLE followup_nodule (
    patient_ref INTEGER NOT NULL REFERENCES followup_case(patient_ref) ON DELETE CASCADE,
    nodule_id   TEXT    NOT NULL,
    ordinal     INTEGER NOT NULL,
    seed_lps    TEXT    NOT NULL,
    PRIMARY KEY (patient_ref, nodule_id)
);

-- One row per nodule and study; the measurement columns are NULL when the nodule was not found on that study.
CREATE TABLE followup_observation (
    patient_ref            INTEGER NOT NULL,
    nodule_id              TEXT    NOT NULL,
    series_uid             TEXT    NOT NULL,
    frame_of_reference     TEXT    NOT NULL,
    seed_lps               TEXT    NOT NULL,
    match_state            TEXT    NOT NULL,
    centroid_lps           TEXT,
    volume_mm3             REAL,
    long_axis_mm           REAL,
    short_axis_mm          REAL,
    mean_diameter_mm       REAL,
    max_3d_diameter_mm     REAL,
    solid_mean_diameter_mm REAL,
    solid_volume_mm3       REAL,
    mean_hu                REAL,
    sd_hu                  REAL,
    nodule_type            TEXT,
    voxel_count            INTEGER,
    axial_slice_k          INTEGER,
    PRIMARY KEY (patient_ref, nodule_id, series_uid),
    FOREIGN KEY (patient_ref, nodule_id) REFERENCES followup_nodule(patient_ref, nodule_id) ON DELETE CASCADE
);
