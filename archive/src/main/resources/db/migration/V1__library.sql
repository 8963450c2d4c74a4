-- NoduleTrack local library, schema 1.
-- Patient -> Study -> Series -> Instance, case folder, audit log and the crash-safety journal.
-- Dates are DICOM DA strings (YYYYMMDD, '' when absent); times are epoch milliseconds.

-- A user-confirmed "same person" group. Patients from different hospitals are never merged automatically.
CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    created_by  TEXT    NOT NULL
);

CREATE TABLE patient (
    id               INTEGER PRIMARY KEY,
    -- identity as the source system knows it: ID + issuer + name + birth date (a different value = a different patient)
    identity_key     TEXT    NOT NULL UNIQUE,
    patient_id       TEXT    NOT NULL,
    issuer           TEXT    NOT NULL,
    name_alphabetic  TEXT    NOT NULL,
    name_ideographic TEXT    NOT NULL,
    name_phonetic    TEXT    NOT NULL,
    birth_date       TEXT    NOT NULL,
    sex              TEXT    NOT NULL,
    person_id        INTEGER REFERENCES person(id) ON DELETE SET NULL
);
CREATE INDEX patient_by_pid ON patient(patient_id);
CREATE INDEX patient_by_person ON patient(person_id);

CREATE TABLE study (
    id               INTEGER PRIMARY KEY,
    study_uid        TEXT    NOT NULL UNIQUE,
    patient_ref      INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
    study_date       TEXT    NOT NULL,
    study_time       TEXT    NOT NULL,
    accession_number TEXT    NOT NULL,
    study_id         TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    imported_at      INTEGER NOT NULL
);
CREATE INDEX study_by_patient ON study(patient_ref, study_date);

CREATE TABLE series (
    id                  INTEGER PRIMARY KEY,
    series_uid          TEXT    NOT NULL UNIQUE,
    study_ref           INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    modality            TEXT    NOT NULL,
    series_number       INTEGER,
    series_date         TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    body_part           TEXT    NOT NULL,
    frame_of_reference  TEXT    NOT NULL,
    -- slice geometry summary (from the first instance indexed; min/max position maintained per instance)
    rows_count          INTEGER,
    columns_count       INTEGER,
    pixel_spacing_row   REAL,
    pixel_spacing_col   REAL,
    slice_thickness     REAL,
    orientation         TEXT    NOT NULL
);
CREATE INDEX series_by_study ON series(study_ref);

CREATE TABLE instance (
    id               INTEGER PRIMARY KEY,
    sop_uid          TEXT    NOT NULL UNIQUE,
    series_ref       INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    sop_class_uid    TEXT    NOT NULL,
    instance_number  INTEGER,
    transfer_syntax  TEXT    NOT NULL,
    slice_position   REAL,
    frames           INTEGER NOT NULL,
    file_path        TEXT    NOT NULL UNIQUE,   -- relative to the library root, '/' separators
    file_size        INTEGER NOT NULL,
    sha256           TEXT    NOT NULL,
    imported_at      INTEGER NOT NULL
);
CREATE INDEX instance_by_series ON instance(series_ref);
CREATE INDEX instance_by_sha ON instance(sha256);

-- Same SOP Instance UID, different content: the newcomer is kept aside (quarantine/) and listed here.
CREATE TABLE conflict (
    id           INTEGER PRIMARY KEY,
    sop_uid      TEXT    NOT NULL,
    file_path    TEXT    NOT NULL UNIQUE,
    file_size    INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    found_at     INTEGER NOT NULL
);
CREATE INDEX conflict_by_sha ON conflict(sha256);

-- Case folder
CREATE TABLE clinical_history (
    patient_ref  INTEGER PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE,
    text         TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT    NOT NULL
);

CREATE TABLE note (
    id           INTEGER PRIMARY KEY,
    patient_ref  INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
    author       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    text         TEXT    NOT NULL
);
CREATE INDEX note_by_patient ON note(patient_ref, created_at);

-- Reports: attached files (PDF, text) or DICOM SR / encapsulated PDF instances found on media.
CREATE TABLE report (
    id           INTEGER PRIMARY KEY,
    patient_ref  INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,            -- PDF, TEXT, DICOM_SR, ENCAPSULATED_PDF
    title        TEXT    NOT NULL,
    report_date  TEXT    NOT NULL,
    file_path    TEXT,                        -- attached files: relative to the library root
    instance_ref INTEGER UNIQUE REFERENCES instance(id) ON DELETE CASCADE,
    added_at     INTEGER NOT NULL,
    added_by     TEXT    NOT NULL
);
CREATE INDEX report_by_patient ON report(patient_ref, report_date);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    os_user  TEXT    NOT NULL,
    action   TEXT    NOT NULL,   -- IMPORT, OPEN, EXPORT, DELETE, LINK, UNLINK, RECOVER
    target   TEXT    NOT NULL,   -- UIDs or internal ids only, never names or patient IDs
    detail   TEXT    NOT NULL
);

-- Crash-safety journal: files whose rows are already gone and that must be deleted (delete runs after commit).
CREATE TABLE pending_delete (
    file_path TEXT PRIMARY KEY
);
