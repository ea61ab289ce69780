package dev.kb.topic;

public record TopicSummary(String id, String course, String path, String title, String kind, String language,
                           boolean inAgenda) {
}
