package dev.kb.graph;

import dev.kb.store.StoredAgenda;
import java.util.HashMap;
import java.util.Map;

/** Where the agenda first teaches each topic: the order trainers read, used to break ties. */
public final class AgendaOrder {
    private AgendaOrder() {
    }

    public static Map<String, Integer> positions(StoredAgenda agenda) {
        Map<String, Integer> positions = new HashMap<>();
        int index = 0;
        for (StoredAgenda.Item item : agenda.items()) {
            if (item.documentId() != null) {
                positions.putIfAbsent(item.documentId(), index);
            }
            index++;
        }
        return positions;
    }

    /** Where the agenda last teaches each topic: a topic linked twice (a recap, then the lesson) is taught by then. */
    public static Map<String, Integer> lastPositions(StoredAgenda agenda) {
        Map<String, Integer> positions = new HashMap<>();
        int index = 0;
        for (StoredAgenda.Item item : agenda.items()) {
            if (item.documentId() != null) {
                positions.put(item.documentId(), index);
            }
            index++;
        }
        return positions;
    }
}
