package org.noduletrack.app.view;

/** What the corner overlays say about the shown series (no pixel data). */
public record SeriesLabel(String patientName, String patientId, String studyDate, String seriesDescription,
                          String seriesNumber, double thicknessMm) {
    public static final SeriesLabel EMPTY = new SeriesLabel("", "", "", "", "", Double.NaN);

    /** "20190512" → "2019-05-12". */
    public static String formatDate(String da) {
        return da != null && da.length() == 8 ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : da == null ? "" : da;
    }
}
