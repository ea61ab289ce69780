package dev.kb.course;

import dev.kb.store.SourceRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a topic's file is on its forge: {@code sourceUrl} the file at the indexed commit, {@code editUrl} the
 * forge's editor on the branch the commit came from (none for a tag or a commit). GitHub (github.com) and GitLab
 * (a host named gitlab…) URL patterns only; any other host gets neither.
 */
public record ForgeLinks(String sourceUrl, String editUrl) {
    public static final ForgeLinks NONE = new ForgeLinks(null, null);
    /** https://host/owner/repo(.git), ssh://user@host(:port)/owner/repo(.git), user@host:owner/repo(.git). */
    private static final Pattern REPO = Pattern.compile(
            "(?:https?://(?:[^/@]*@)?|ssh://(?:[^/@]*@)?|[A-Za-z0-9._-]+@)([A-Za-z0-9.-]+)(?::\\d+)?[/:](.+?)(?:\\.git)?/?");

    public static ForgeLinks of(SourceRow source, String path) {
        if (source == null || !"git".equals(source.kind()) || source.commitSha() == null || source.url() == null) {
            return NONE;
        }
        Matcher m = REPO.matcher(source.url());
        if (!m.matches()) {
            return NONE;
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        String web = "https://" + host + "/" + m.group(2);
        String file = encoded((source.subdir() == null ? "" : source.subdir() + "/") + path);
        String branch = source.commitRef() != null && source.commitRef().startsWith("refs/heads/")
                ? encoded(source.commitRef().substring("refs/heads/".length())) : null;
        if (host.equals("github.com")) {
            return new ForgeLinks(web + "/blob/" + source.commitSha() + "/" + file,
                    branch == null ? null : web + "/edit/" + branch + "/" + file);
        }
        if (host.startsWith("gitlab.") || host.equals("gitlab")) {
            return new ForgeLinks(web + "/-/blob/" + source.commitSha() + "/" + file,
                    branch == null ? null : web + "/-/edit/" + branch + "/" + file);
        }
        return NONE;
    }

    /** Each segment percent-encoded (a space, a parenthesis, a '#' in a file name), the slashes kept. */
    private static String encoded(String path) {
        return Arrays.stream(path.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
