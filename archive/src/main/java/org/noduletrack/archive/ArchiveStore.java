package org.noduletrack.archive;

import java.util.List;
import java.util.Optional;
import org.noduletrack.archive.index.ConflictRecord;
import org.noduletrack.archive.index.InstanceRecord;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.index.StoredInstance;
import org.noduletrack.archive.index.StudyRecord;

/**
 * The library's index of Patient, Study, Series and Instance, and the operations that keep it consistent with the file
 * store. All methods block; they may be called from any thread (not the FX thread).
 */
public interface ArchiveStore {
    List<PatientRecord> patients() throws ArchiveException;

    Optional<PatientRecord> patient(PatientKey key) throws ArchiveException;

    /** Patients with this Patient ID (several when hospitals reuse IDs or the person was not linked). */
    List<PatientRecord> patientsWithId(String patientId) throws ArchiveException;

    /** All studies, by patient then date. */
    List<StudyRecord> studies() throws ArchiveException;

    /** The studies of a patient, oldest first. */
    List<StudyRecord> studies(PatientKey patient) throws ArchiveException;

    Optional<StudyRecord> study(StudyUid uid) throws ArchiveException;

    List<SeriesRecord> series() throws ArchiveException;

    List<SeriesRecord> series(PatientKey patient) throws ArchiveException;

    List<SeriesRecord> series(StudyUid study) throws ArchiveException;

    /** The instances of a series, by slice position then instance number. */
    List<InstanceRecord> instances(SeriesUid series) throws ArchiveException;

    Optional<InstanceRecord> instance(SopInstanceUid uid) throws ArchiveException;

    /** Indexes instances whose files already lie at their final path (or will, see FileStore), in one transaction. */
    void add(List<StoredInstance> instances, List<ConflictRecord> conflicts, String source) throws ArchiveException;

    boolean hasConflict(SopInstanceUid uid, String sha256) throws ArchiveException;

    /** Removes a study's rows and files together; returns the number of instances removed. */
    int deleteStudy(StudyUid uid) throws ArchiveException;

    /** User-confirmed: the two patient records are the same person. Reversible with {@link #unlinkPerson}. */
    void linkSamePerson(PatientKey a, PatientKey b) throws ArchiveException;

    void unlinkPerson(PatientKey patient) throws ArchiveException;

    /** The patient records linked to this one as the same person, itself included. */
    List<PatientRecord> samePerson(PatientKey patient) throws ArchiveException;

    /** Number of instances held. */
    long instanceCount() throws ArchiveException;
}
