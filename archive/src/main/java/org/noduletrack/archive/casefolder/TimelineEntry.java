package org.noduletrack.archive.casefolder;

import org.noduletrack.archive.index.StudyRecord;

/** One item of a patient timeline: a study or a report, ordered by {@link #date()}. */
public sealed interface TimelineEntry {
    /** DA string (YYYYMMDD); empty sorts first. */
    String date();

    record StudyItem(StudyRecord study) implements TimelineEntry {
        @Override
        public String date() { return study.date(); }
    }

    record ReportItem(ReportEntry report) implements TimelineEntry {
        @Override
        public String date() { return report.date(); }
    }
}
