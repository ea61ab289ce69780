package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering a German question in English for the embedding model (glossary lines of the test's own). */
class GermanToEnglishTest {
    private final GermanToEnglish english = GermanToEnglish.of(List.of(
            "wie, how", "ich, I", "einen, a", "alt, old", "zurückholen, get back", "gelöscht, deleted", "kollegin, colleague",
            "schreiben, write", "recht, permission", "geben, give", "neu, new", "starten, start"));

    @Test
    void wordsTheGlossaryKnowsAreReplacedWhateverTheirInflection() {
        assertThat(english.render("Wie hole ich einen gelöschten Datensatz zurück?"))
                .isEqualTo("how hole I a deleted record zurück?");
        assertThat(english.render("Wie lösche ich alte Sicherungen?")).isEqualTo("how delete I old backup?");
    }

    @Test
    void aCompoundSplitsIntoPartsTheListsKnow() {
        assertThat(english.render("Gruppenordner")).matches("groups? folder");
        assertThat(english.render("Schreibrechte für eine Kollegin")).startsWith("write permission für")
                .endsWith("colleague");
    }

    @Test
    void namesCommandsAndEnglishWordsStayAsTyped() {
        assertThat(english.render("Wie geht UPPER() mit '12.04.2022' auf SELinux?"))
                .isEqualTo("how geht UPPER() mit '12.04.2022' auf SELinux?");
    }

    @Test
    void aRunOfWordsThatIsOneTechnicalTermIsRenderedOnce() {
        // "neu starten" is one term of index/terms-de-en.txt: it wins over its words in the glossary.
        assertThat(english.render("Server neu starten")).isEqualTo("Server restart");
        assertThat(english.render("neu")).isEqualTo("new");
    }
}
