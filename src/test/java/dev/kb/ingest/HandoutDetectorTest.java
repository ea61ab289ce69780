package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandoutDetectorTest {
    private static final String[] WORDS = ("pod node cluster service ingress secret volume policy role binding "
            + "namespace label selector deployment replica image registry network route gateway mesh proxy "
            + "sidecar certificate token account audit kernel capability seccomp profile").split(" ");

    /** A text of random words: distinct documents share no 8-word runs. */
    private static String text(long seed, int words) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return sb.toString();
    }

    private final HandoutDetector detector = new HandoutDetector(3, 0.5, 0.5);

    @Test
    void a_document_made_of_several_others_is_a_handout_and_they_are_not() {
        Map<String, String> docs = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            docs.put("doc" + i, text(i, 300));
        }
        docs.put("handout", "# Handout\n" + docs.get("doc0") + "\n" + docs.get("doc1") + "\n" + docs.get("doc2")
                + "\n" + docs.get("doc3") + text(99, 40));
        assertThat(detector.handouts(docs)).containsExactly("handout");
    }

    @Test
    void containing_fewer_documents_than_the_threshold_is_not_a_handout() {
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put("a", text(1, 300));
        docs.put("b", text(2, 300));
        docs.put("a-and-b", docs.get("a") + docs.get("b"));
        docs.put("copy-of-a", docs.get("a"));
        assertThat(detector.handouts(docs)).isEmpty();
    }

    @Test
    void a_long_document_of_its_own_text_is_not_a_handout() {
        Map<String, String> docs = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            docs.put("doc" + i, text(i, 300));
        }
        docs.put("long", text(42, 5000));
        assertThat(detector.handouts(docs)).isEmpty();
    }
}
