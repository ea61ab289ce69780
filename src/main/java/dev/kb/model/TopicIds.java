package dev.kb.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Topic ids are derived from course and path alone, so they survive re-indexing, restarts and rebuilding
 * the database from the same course: 16 hex characters, safe in any URL.
 */
public final class TopicIds {
    private TopicIds() {
    }

    public static String of(String courseId, String path) {
        return HexFormat.of().formatHex(sha256(courseId + "\n" + path), 0, 8);
    }

    /**
     * A passage's id: from its topic and its text (and which repeat of that text it is), so it is the same after
     * any re-index that leaves the passage's text alone.
     */
    public static String passage(String topicId, String text, int repeat) {
        return HexFormat.of().formatHex(sha256(topicId + "\n" + repeat + "\n" + text), 0, 8);
    }

    static byte[] sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
