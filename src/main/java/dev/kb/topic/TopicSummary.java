package dev.kb.topic;

public record TopicSummary(String id, String course, String path, String title, boolean inAgenda) {
}
