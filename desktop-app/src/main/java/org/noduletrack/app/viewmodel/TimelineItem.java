package org.noduletrack.app.viewmodel;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.casefolder.ReportEntry;

/**
 * One line of a patient's timeline: a study, a report of the case folder, or a note; ordered by date (DA, oldest
 * first), and on one day studies before reports before notes (a report reads a study; a note comments on both).
 */
public sealed interface TimelineItem {
    /** DA string (YYYYMMDD); empty sorts first. */
    String date();

    /** Rank on the same day. */
    int rank();

    record Study(LibraryService.StudyWithSeries study) implements TimelineItem {
        @Override
        public String date() { return study.study().date(); }

        @Override
        public int rank() { return 0; }
    }

    record Report(ReportEntry report) implements TimelineItem {
        @Override
        public String date() { return report.date(); }

        @Override
        public int rank() { return 1; }
    }

    /** A note, dated by the day it was written in the user's time zone. */
    record Note(org.noduletrack.archive.casefolder.Note note, String date) implements TimelineItem {
        public static Note of(org.noduletrack.archive.casefolder.Note n, ZoneId zone) {
            return new Note(n, DateTimeFormatter.BASIC_ISO_DATE.format(n.createdAt().atZone(zone).toLocalDate()));
        }

        @Override
        public int rank() { return 2; }
    }

    /** Studies, reports and notes merged in timeline order. */
    static List<TimelineItem> merge(List<LibraryService.StudyWithSeries> studies, List<ReportEntry> reports,
                                    List<org.noduletrack.archive.casefolder.Note> notes, ZoneId zone) {
        List<TimelineItem> out = new ArrayList<>();
        studies.forEach(s -> out.add(new Study(s)));
        reports.forEach(r -> out.add(new Report(r)));
        notes.forEach(n -> out.add(Note.of(n, zone)));
        out.sort(Comparator.comparing((TimelineItem i) -> i.date() == null ? "" : i.date()).thenComparingInt(TimelineItem::rank));
        return out;
    }
}
