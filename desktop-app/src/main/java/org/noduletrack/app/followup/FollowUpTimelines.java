package org.noduletrack.app.followup;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.ArchiveStore;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.index.StudyRecord;

/** Finds a patient's chest CTs in the library, one series per study. Blocking; any thread but the FX thread. */
public final class FollowUpTimelines {
    private final ArchiveStore store;
    private final CtSeriesChooser chooser;

    public FollowUpTimelines(ArchiveStore store, CtSeriesChooser chooser) {
        this.store = store;
        this.chooser = chooser;
    }

    /** The patient record with this Patient ID; an error when there is none or when several records share it. */
    public PatientRecord patientById(String patientId) throws ArchiveException {
        List<PatientRecord> found = store.patientsWithId(patientId);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no patient with this ID in the library");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(found.size() + " patient records share this ID (different issuers);"
                    + " pick one in the workstation");
        }
        return found.getFirst();
    }

    public PatientTimeline timeline(PatientKey key) throws ArchiveException {
        PatientRecord patient = store.patient(key).orElseThrow(() -> new IllegalArgumentException("no such patient: " + key));
        List<FollowUpStudy> out = new ArrayList<>();
        for (StudyRecord study : store.studies(key)) {
            Optional<SeriesRecord> chosen = chooser.choose(store.series(study.uid()));
            if (chosen.isEmpty()) {
                continue;
            }
            SeriesRecord s = chosen.get();
            Optional<LocalDate> date = parseDa(study.date()).or(() -> parseDa(s.date()));
            if (date.isEmpty()) {
                continue; // an undated study cannot be placed on a growth timeline
            }
            out.add(new FollowUpStudy(study.uid(), s.uid(), s.frameOfReferenceUid(), date.get(),
                    study.description().isBlank() ? s.description() : study.description(), s.instances(),
                    s.geometry().sliceThicknessMm()));
        }
        return new PatientTimeline(patient, out);
    }

    static Optional<LocalDate> parseDa(String da) {
        if (da == null || da.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(da.strip(), DateTimeFormatter.BASIC_ISO_DATE));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
