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
 * in this process's recent vectors; only texts found in neither go to the model (when asked to embed), and what
 * PostgreSQL lacks is saved.
 */
final class PassageVectors {
    private PassageVectors() {
    }

    /**
     * The vectors there are already (in PostgreSQL or this process): no model call, so a run can publish its words
     * without waiting for the model. Passages whose text has none yet are left out.
     */
    static Map<String, float[]> known(EmbeddingStore store, List<DocumentRow> topics,
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
        Map<String, float[]> byHash = byHash(store, textOf, false);
        Map<String, float[]> byPassage = new HashMap<>();
        hashOf.forEach((passage, hash) -> {
            float[] v = byHash.get(hash);
            if (v != null) {
                byPassage.put(passage, v);
            }
        });
        return byPassage;
    }

    /** The vectors of these texts (by id), embedding those that have none yet and saving them. */
    static Map<String, float[]> embed(EmbeddingStore store, Map<String, String> textById) {
        Map<String, String> hashOf = new HashMap<>();
        Map<String, String> textOf = new LinkedHashMap<>();
        textById.forEach((id, text) -> {
            String hash = Embedder.hash(text);
            hashOf.put(id, hash);
            textOf.putIfAbsent(hash, text);
        });
        Map<String, float[]> byHash = byHash(store, textOf, true);
        Map<String, float[]> byId = new HashMap<>();
        hashOf.forEach((id, hash) -> byId.put(id, byHash.get(hash)));
        return byId;
    }

    private static Map<String, float[]> byHash(EmbeddingStore store, Map<String, String> textOf, boolean embed) {
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
        if (embed) {
            List<float[]> computed = Embedder.embedAll(missing.stream().map(textOf::get).toList());
            for (int i = 0; i < missing.size(); i++) {
                fresh.put(missing.get(i), computed.get(i));
                Embedder.remember(missing.get(i), computed.get(i));
            }
        }
        store.save(Embedder.MODEL, fresh);
        byHash.putAll(fresh);
        return byHash;
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
