package org.noduletrack.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Dates follow the user's region when it speaks the UI's language, else the UI language's own style (CLDR). */
class MessagesDateTest {
    @Test
    void regionDecidesTheFormatWithinTheUiLanguage() {
        assertThat(new Messages(Locale.ENGLISH, Locale.US).date("20210422")).isEqualTo("Apr 22, 2021");
        assertThat(new Messages(Locale.ENGLISH, Locale.UK).date("20210422")).isEqualTo("22 Apr 2021");
        assertThat(new Messages(Locale.SIMPLIFIED_CHINESE, Locale.CHINA).date("20210422")).isEqualTo("2021年4月22日");
    }

    @Test
    void anotherLanguagesRegionDoesNotMixStyles() {
        assertThat(new Messages(Locale.SIMPLIFIED_CHINESE, Locale.US).date("20210422")).isEqualTo("2021年4月22日");
        assertThat(new Messages(Locale.ENGLISH, Locale.CHINA).date("20210422")).isEqualTo("Apr 22, 2021");
    }

    @Test
    void whatIsNotADicomDateIsShownAsItIs() {
        Messages m = new Messages(Locale.ENGLISH, Locale.US);
        assertThat(m.date("")).isEmpty();
        assertThat(m.date((String) null)).isEmpty();
        assertThat(m.date("2021")).isEqualTo("2021");
        assertThat(m.date("20211340")).isEqualTo("20211340");
    }
}
