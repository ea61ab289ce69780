package dev.kb.search;

import dev.kb.model.ParsedDocument;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.EmbeddingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors of the passages of some topics, by passage id. A passage is embedded with its topic's title and its
 * section's heading, which say what a short passage is about. Each text is looked up by its hash in PostgreSQL, then
 * in this process's recent vectors; only texts found in neither go to the model, and what PostgreSQL lacks is saved.
 */
final class PassageVectors {
    private PassageVectors() {
    }

    static Map<String, float[]> of(EmbeddingStore store, List<DocumentRow> topics,
                                   Map<String, List<ParsedDocument.Section>> sections,
                                   Map<String, List<DocumentStore.StoredPassage>> passages) {
        Map<String, String> hashOf = new HashMap<>();
        Map<String, String> textOf = new LinkedHashMap<>();
        for (DocumentRow topic : topics) {
            Map<Integer, String> headings = new HashMap<>();
            sections.getOrDefault(topic.id(), List.of()).forEach(s -> headings.put(s.ord(), s.heading()));
            for (DocumentStore.StoredPassage p : passages.getOrDefault(topic.id(), List.of())) {
                String text = text(topic.title(), headings.get(p.passage().sectionOrd()), p.passage().text());
                String hash = Embedder.hash(text);
                hashOf.put(p.id(), hash);
                textOf.putIfAbsent(hash, text);
            }
        }
        Map<String, float[]> byHash = new HashMap<>(store.find(Embedder.MODEL, textOf.keySet()));
        // What the database lacks is saved, whether this process still has it or the model computes it now.
        Map<String, float[]> fresh = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String hash : textOf.keySet()) {
            if (!byHash.containsKey(hash)) {
                float[] v = Embedder.recent(hash);
                if (v != null) {
                    fresh.put(hash, v);
                } else {
                    missing.add(hash);
                }
            }
        }
        List<float[]> computed = Embedder.embedAll(missing.stream().map(textOf::get).toList());
        for (int i = 0; i < missing.size(); i++) {
            fresh.put(missing.get(i), computed.get(i));
            Embedder.remember(missing.get(i), computed.get(i));
        }
        store.save(Embedder.MODEL, fresh);
        byHash.putAll(fresh);
        Map<String, float[]> byPassage = new HashMap<>();
        hashOf.forEach((passage, hash) -> byPassage.put(passage, byHash.get(hash)));
        return byPassage;
    }

    /** What is embedded for a passage: title, heading (when it is not the title) and text. */
    static String text(String title, String heading, String passage) {
        StringBuilder b = new StringBuilder(title == null ? "" : title.strip());
        if (heading != null && !heading.isBlank() && !heading.strip().equals(b.toString())) {
            b.append('\n').append(heading.strip());
        }
        return b.append('\n').append(passage).toString();
    }
}
