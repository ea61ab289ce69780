package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageAndCategoryTest {

    @Test
    void german_and_english_prose_are_told_apart() {
        assertThat(LanguageDetector.detect("In dieser Übung sperren wir den Verkehr zwischen den Namespaces, "
                + "damit die Pods nicht mehr miteinander sprechen können.")).isEqualTo("de");
        assertThat(LanguageDetector.detect("In this exercise we block the traffic between namespaces so that the "
                + "pods can no longer talk to each other.")).isEqualTo("en");
        assertThat(LanguageDetector.detect("kubectl get pods")).isEqualTo("unknown");
        assertThat(LanguageDetector.detect("Die Pods und die Services, das ist wichtig. "
                + "The pods and the services are important.")).isEqualTo("mixed");
    }

    @Test
    void kind_comes_from_file_name_and_title_words() {
        assertThat(Categories.of("networking/policies exercise.md", "Übung: Network Policies")).isEqualTo("exercise");
        assertThat(Categories.of("probes/uebung-liveness.md", "Liveness")).isEqualTo("exercise");
        assertThat(Categories.of("setup/01-install.md", "Install the lab")).isEqualTo("walkthrough");
        assertThat(Categories.of("x/step-by-step.md", "Rollout")).isEqualTo("walkthrough");
        assertThat(Categories.of("security/00-overview.md", "Security overview")).isEqualTo("overview");
        assertThat(Categories.of("cheatsheet.md", "kubectl cheat sheet")).isEqualTo("reference");
        assertThat(Categories.of("networking/services.md", "Services & DNS")).isEqualTo("reference");
    }
}
