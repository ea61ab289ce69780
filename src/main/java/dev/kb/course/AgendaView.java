package dev.kb.course;

import java.util.List;

/** The agenda as the API returns it. {@code path} is the resolved course path of a local link, {@code url} an external one. */
public record AgendaView(String course, String title, List<Section> sections) {

    public record Section(String title, List<Module> modules) {
    }

    public record Module(String title, List<Item> items) {
    }

    public record Item(String title, String href, String status, String path, String fragment, String url,
                       String topicId, String reason) {
    }
}
