package org.noduletrack.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.charset.PersonName.Component;
import org.noduletrack.dicom.charset.PersonName.Group;

class PersonNameTest {

    @Test
    void parsesThreeComponentGroups() {
        PersonName name = PersonName.parse("Yamada^Tarou=山田^太郎=やまだ^たろう");

        assertThat(name).isEqualTo(new PersonName("Yamada^Tarou", "山田^太郎", "やまだ^たろう"));
        assertThat(name.familyName()).isEqualTo("Yamada");
        assertThat(name.givenName()).isEqualTo("Tarou");
        assertThat(name.components(Group.IDEOGRAPHIC)).containsExactly("山田", "太郎", "", "", "");
        assertThat(name.component(Group.PHONETIC, Component.GIVEN)).isEqualTo("たろう");
    }

    @Test
    void allFiveComponents() {
        // PS3.5 6.2.1.1 example.
        PersonName name = PersonName.parse("Adams^John Robert Quincy^^Rev.^B.A. M.Div.");

        assertThat(name.components(Group.ALPHABETIC))
                .containsExactly("Adams", "John Robert Quincy", "", "Rev.", "B.A. M.Div.");
        assertThat(name.display()).isEqualTo("Rev. Adams, John Robert Quincy, B.A. M.Div.");
    }

    @Test
    void missingGroupsAndComponentsAreEmpty() {
        PersonName name = PersonName.parse("Люкceмбypг");

        assertThat(name.ideographic()).isEmpty();
        assertThat(name.phonetic()).isEmpty();
        assertThat(name.givenName()).isEmpty();
        assertThat(name.display()).isEqualTo("Люкceмбypг");
        assertThat(PersonName.parse(null).isEmpty()).isTrue();
        assertThat(PersonName.parse("^^^^").isEmpty()).isTrue();
        assertThat(new PersonName(null, null, null)).isEqualTo(new PersonName("", "", ""));
    }

    @Test
    void trailingPaddingIsDroppedAndComponentsAreTrimmed() {
        PersonName name = PersonName.parse("Zhang^XiaoDong=张^小东= ");

        assertThat(name.phonetic()).isEmpty();
        assertThat(PersonName.parse(" Doe ^ John ").components(Group.ALPHABETIC)).startsWith("Doe", "John");
    }

    @Test
    void displayShowsFamilyFirstAndTheOtherGroupsInParentheses() {
        assertThat(PersonName.parse("Yamada^Tarou=山田^太郎=やまだ^たろう").display())
                .isEqualTo("Yamada, Tarou (山田 太郎; やまだ たろう)");
        assertThat(PersonName.parse("Hong^Gildong=洪^吉洞=홍^길동").display(Group.PHONETIC)).isEqualTo("홍 길동");
        assertThat(PersonName.parse("=山田^太郎").display()).isEqualTo("山田 太郎");
        assertThat(PersonName.parse("^Tarou").display()).isEqualTo("Tarou");
        assertThat(PersonName.parse("Äneas^Rüdiger").display()).isEqualTo("Äneas, Rüdiger");
    }

    @Test
    void writesBackWithoutTrailingEmptyGroups() {
        assertThat(PersonName.parse("Wang^XiaoDong=王^小東=").toDicomString()).isEqualTo("Wang^XiaoDong=王^小東");
        assertThat(PersonName.parse("Yamada^Tarou==やまだ^たろう").toDicomString())
                .isEqualTo("Yamada^Tarou==やまだ^たろう");
        assertThat(PersonName.parse("Doe^John").toDicomString()).isEqualTo("Doe^John");
    }

    @Test
    void extraGroupsAreIgnored() {
        assertThat(PersonName.parse("a=b=c=d")).isEqualTo(new PersonName("a", "b", "c"));
    }
}
