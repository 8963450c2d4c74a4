package org.noduletrack.nodule.guideline;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Plain-language explanations from the resource bundle {@code org.noduletrack.nodule.guideline.messages} in English and
 * Simplified Chinese. No fallback to the JVM's default locale: English is the base bundle.
 */
public final class Explanations {
    private static final String BUNDLE = "org.noduletrack.nodule.guideline.messages";
    public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;

    private final ResourceBundle en;
    private final ResourceBundle zh;

    public Explanations() {
        ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        this.en = ResourceBundle.getBundle(BUNDLE, Locale.ROOT, Explanations.class.getClassLoader(), control);
        this.zh = ResourceBundle.getBundle(BUNDLE, ZH_CN, Explanations.class.getClassLoader(), control);
    }

    public String en(String key, Object... args) { return format(en, key, args); }

    public String zh(String key, Object... args) { return format(zh, key, args); }

    private static String format(ResourceBundle b, String key, Object... args) {
        String pattern = b.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }
}
