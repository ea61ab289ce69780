package dev.kb.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kb.common.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Push webhooks of GitHub and GitLab: checks that the forge sent them (GitHub's HMAC-SHA256 signature of the body,
 * GitLab's token; both compared in constant time with {@code KB_WEBHOOK_SECRET}), and finds the courses that follow
 * the pushed repository and ref. A delivery already accepted is not acted on twice.
 */
public final class Webhooks {
    private static final int REMEMBERED_DELIVERIES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Forge { GITHUB, GITLAB }

    /** One delivery as received: {@code credential} is GitHub's {@code X-Hub-Signature-256} or GitLab's token. */
    public record Delivery(Forge forge, String event, String deliveryId, String credential, byte[] body) {
    }

    /** {@code courses}: the courses to sync (202); empty with {@code status} pong, ignored or duplicate (200). */
    public record Outcome(String status, String message, List<String> courses) {
    }

    /** A delivery refused: 401 (not from the forge) or 404 (webhooks off, or no course follows the push). */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String secret;
    private final Supplier<Collection<CourseSource>> sources;
    private final Map<String, Boolean> accepted = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_DELIVERIES;
        }
    };

    Webhooks(String secret, Supplier<Collection<CourseSource>> sources) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        this.sources = sources;
    }

    public Outcome receive(Delivery d) {
        if (secret == null) {
            throw new Refused(404, "webhooks are off: kb was started without KB_WEBHOOK_SECRET");
        }
        if (!authentic(d)) {
            throw new Refused(401, d.forge() == Forge.GITHUB
                    ? "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body with the webhook secret"
                    : "X-Gitlab-Token is missing or is not the webhook secret");
        }
        String event = d.event() == null ? "" : d.event();
        if (d.forge() == Forge.GITHUB && event.equals("ping")) {
            return new Outcome("pong", "the webhook reaches kb", List.of());
        }
        boolean push = d.forge() == Forge.GITHUB ? event.equals("push")
                : event.equals("Push Hook") || event.equals("Tag Push Hook");
        if (!push) {
            return new Outcome("ignored", "kb follows push events only, not '" + event + "'", List.of());
        }
        String key = d.forge() + ":" + d.deliveryId();
        synchronized (accepted) {
            if (d.deliveryId() != null && accepted.containsKey(key)) {
                return new Outcome("duplicate", "delivery " + d.deliveryId() + " was accepted before", List.of());
            }
        }
        JsonNode body;
        try {
            body = JSON.readTree(d.body());
        } catch (IOException e) {
            throw new InvalidInput("body", "the body is not the forge's JSON push payload");
        }
        JsonNode repo = d.forge() == Forge.GITHUB ? body.path("repository") : body.path("project");
        List<String> urls = new ArrayList<>();
        for (String field : d.forge() == Forge.GITHUB ? List.of("clone_url", "html_url", "ssh_url", "git_url")
                : List.of("git_http_url", "web_url", "git_ssh_url", "http_url")) {
            if (repo.hasNonNull(field)) {
                urls.add(same(repo.get(field).asText()));
            }
        }
        String ref = body.path("ref").asText("");
        String defaultBranch = repo.path("default_branch").asText("");
        List<String> courses = sources.get().stream()
                .filter(s -> s.isGit() && urls.contains(same(s.url())) && follows(s.ref(), ref, defaultBranch))
                .map(CourseSource::id).sorted().toList();
        if (courses.isEmpty()) {
            throw new Refused(404, "no course follows " + (urls.isEmpty() ? "this repository" : urls.get(0))
                    + " at " + (ref.isEmpty() ? "this ref" : ref));
        }
        synchronized (accepted) {
            if (d.deliveryId() != null && accepted.put(key, Boolean.TRUE) != null) {
                return new Outcome("duplicate", "delivery " + d.deliveryId() + " was accepted before", List.of());
            }
        }
        return new Outcome("accepted", "syncing " + String.join(", ", courses), courses);
    }

    private boolean authentic(Delivery d) {
        if (d.credential() == null) {
            return false;
        }
        byte[] expected;
        byte[] given;
        if (d.forge() == Forge.GITHUB) {
            expected = ("sha256=" + HexFormat.of().formatHex(hmac(d.body()))).getBytes(StandardCharsets.US_ASCII);
            given = d.credential().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        } else {
            expected = secret.getBytes(StandardCharsets.UTF_8);
            given = d.credential().getBytes(StandardCharsets.UTF_8);
        }
        // Constant time: how long the comparison takes tells nothing of how much of the value was right.
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether a push to {@code pushed} concerns a course following {@code ref} (null: the default branch). */
    private static boolean follows(String ref, String pushed, String defaultBranch) {
        if (ref == null) {
            return !defaultBranch.isEmpty() && pushed.equals("refs/heads/" + defaultBranch);
        }
        return pushed.equals(ref) || pushed.equals("refs/heads/" + ref) || pushed.equals("refs/tags/" + ref);
    }

    /** A repository URL reduced to host and path, so https, ssh and scp-like forms of one repository compare equal. */
    static String same(String url) {
        String s = GitUrls.withoutCredentials(url.strip()).toLowerCase(Locale.ROOT);
        s = s.replaceFirst("^[a-z+]+://", "").replaceFirst("^[^/@]+@", "");
        if (!url.contains("://")) {
            s = s.replaceFirst(":", "/");
        }
        s = s.replaceFirst("^([^/]+):\\d+/", "$1/").replaceAll("/+$", "");
        return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
    }
}
