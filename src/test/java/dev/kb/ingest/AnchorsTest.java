package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnchorsTest {

    @Test
    void slug_follows_github_lower_case_umlauts_kept_punctuation_dropped() {
        assertThat(Anchors.slug("Übung: Pod Non-Root")).isEqualTo("übung-pod-non-root");
        assertThat(Anchors.slug("What is RBAC?")).isEqualTo("what-is-rbac");
        assertThat(Anchors.slug("Step 3: Create (v1.2) policy & test")).isEqualTo("step-3-create-v12-policy--test");
        assertThat(Anchors.slug("snake_case stays")).isEqualTo("snake_case-stays");
    }

    @Test
    void repeated_headings_get_numbered_suffixes_per_document() {
        Anchors anchors = new Anchors();
        assertThat(anchors.next("Check")).isEqualTo("check");
        assertThat(anchors.next("Check")).isEqualTo("check-1");
        assertThat(anchors.next("Check")).isEqualTo("check-2");
        assertThat(anchors.next("Check 1")).isEqualTo("check-1-1");
        assertThat(new Anchors().next("Check")).isEqualTo("check");
    }
}
