package org.noduletrack.app;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI's text in one language (bundles {@code org/noduletrack/app/messages*.properties}: English, Simplified Chinese). */
public final class Messages {
    public static final String BUNDLE = "org.noduletrack.app.messages";
    private final ResourceBundle bundle;
    private final Locale locale;
    private final java.time.format.DateTimeFormatter dates;

    public Messages(Locale locale) {
        this(locale, Locale.getDefault(Locale.Category.FORMAT));
    }

    /**
     * @param region the user's formatting locale: dates follow it when it speaks the UI's language (en-GB gives
     *               "22 Apr 2021", en-US "Apr 22, 2021"), else the UI language's own style
     */
    public Messages(Locale locale, Locale region) {
        this.locale = locale;
        Locale forDates = region.getLanguage().equals(locale.getLanguage()) ? region : locale;
        this.dates = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(forDates);
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() { return locale; }

    /** A DICOM date (DA, YYYYMMDD) in the user's date format; other text is shown as it is. */
    public String date(String da) {
        if (da == null || da.isBlank()) {
            return "";
        }
        try {
            return date(java.time.LocalDate.parse(da.strip(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        } catch (java.time.format.DateTimeParseException e) {
            return da;
        }
    }

    public String date(java.time.LocalDate d) {
        return dates.format(d);
    }

    /** The text for {@code key}, with {@link MessageFormat} arguments when given. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
