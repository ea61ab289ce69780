package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysesTest {

    private static List<String> exact(String text) {
        return QueryBuilder.analyze(Analyses.index(Analyses.Form.EXACT), text);
    }

    @Test
    void code_tokens_stay_whole_and_are_also_split_into_their_parts() {
        assertThat(exact("cap_net_raw")).contains("cap_net_raw", "cap", "net", "raw");
        assertThat(exact("runAsNonRoot")).contains("runasnonroot", "run", "as", "non", "root");
        assertThat(exact("kubectl auth can-i")).contains("kubectl", "auth", "can-i", "can", "i");
        assertThat(exact("helm install --set replicas=2")).contains("--set", "set", "replicas");
        assertThat(exact("chaos.sh kube-bench")).contains("chaos.sh", "chaos", "sh", "kube-bench", "kubebench");
        assertThat(exact("pod.spec.automountServiceAccountToken")).contains("automount", "service", "account", "token");
    }

    @Test
    void punctuation_around_words_is_not_part_of_them() {
        assertThat(QueryBuilder.analyze(Analyses.whole(Analyses.Form.EXACT), "(kubectl), end. -n \"x\""))
                .containsExactly("kubectl", "end", "-n", "x");
    }

    @Test
    void german_analysis_meets_umlauts_their_spellings_and_plurals() {
        Analyses.Form de = Analyses.Form.GERMAN;
        assertThat(QueryBuilder.analyze(Analyses.parts(de), "Übung"))
                .isEqualTo(QueryBuilder.analyze(Analyses.parts(de), "Uebung"))
                .isEqualTo(QueryBuilder.analyze(Analyses.parts(de), "Übungen"));
    }

    @Test
    void english_analysis_meets_plurals_and_inflections() {
        Analyses.Form en = Analyses.Form.ENGLISH;
        assertThat(QueryBuilder.analyze(Analyses.parts(en), "policies"))
                .isEqualTo(QueryBuilder.analyze(Analyses.parts(en), "policy"));
        assertThat(QueryBuilder.analyze(Analyses.parts(en), "deployments"))
                .isEqualTo(QueryBuilder.analyze(Analyses.parts(en), "deployment"));
    }

    @Test
    void corrections_count_a_swap_of_neighbours_as_one_edit() {
        assertThat(dev.kb.common.EditDistance.between("gatekeepr", "gatekeeper")).isEqualTo(1);
        assertThat(dev.kb.common.EditDistance.between("kubernets", "kubernetes")).isEqualTo(1);
        assertThat(dev.kb.common.EditDistance.between("pdo", "pod")).isEqualTo(1);
        assertThat(dev.kb.common.EditDistance.between("abc", "xyz")).isEqualTo(3);
    }
}
