package dev.kb.model;

import java.util.List;

/** The course's README.md read as an agenda: sections of modules of items, all in the order written. */
public record Agenda(String title, List<Section> sections) {

    public record Section(String title, List<Module> modules) {
    }

    public record Module(String title, List<Item> items) {
    }

    /**
     * @param href       the link target as written, null for plain text
     * @param targetPath the existing course file a local link resolves to (or the path it names when missing)
     * @param reason     why a link is {@code missing} or {@code empty}
     */
    public record Item(String title, String href, Status status, String targetPath, String fragment, String url,
                       String reason) {
    }

    public enum Status {
        LINKED, MISSING, EMPTY, EXTERNAL, UNLINKED;

        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromDb(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public List<Item> items() {
        return sections.stream().flatMap(s -> s.modules().stream()).flatMap(m -> m.items().stream()).toList();
    }
}
