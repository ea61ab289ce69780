package dev.kb.store;

import dev.kb.model.Agenda;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The agenda as stored: the parsed agenda plus, for items that link a topic, that topic's id. */
public record StoredAgenda(List<Section> sections) {

    public record Section(int ord, String title, List<Module> modules) {
    }

    public record Module(int ord, String title, List<Item> items) {
    }

    public record Item(int ord, Agenda.Item item, String documentId) {
    }

    public List<Item> items() {
        return sections.stream().flatMap(s -> s.modules().stream()).flatMap(m -> m.items().stream()).toList();
    }

    /** The ids of the documents the agenda's items link. */
    public Set<String> linkedDocumentIds() {
        return items().stream().map(Item::documentId).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
