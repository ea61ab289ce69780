package dev.kb.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Git URLs as a trainer writes them, and the same URLs made fit to show: never with a password or token. */
public final class GitUrls {
    /** scp-like {@code git@host:owner/repo.git}. */
    private static final Pattern SCP = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/].*");
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@\\s]*@");

    private GitUrls() {
    }

    /** Whether a command-line source names a repository rather than a directory. */
    public static boolean isGitUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("ssh://")
                || lower.startsWith("git://") || lower.startsWith("file://") || SCP.matcher(source).matches();
    }

    static void check(String url) {
        if (url.isBlank() || !isGitUrl(url)) {
            throw new IllegalArgumentException("'" + withoutCredentials(url) + "' is not a git URL (https://, "
                    + "ssh://, git@host:path or file://)");
        }
        if (!SCP.matcher(url).matches()) {
            try {
                URI uri = new URI(url);
                if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
                    throw new IllegalArgumentException("'" + withoutCredentials(url) + "' names no repository");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + withoutCredentials(url) + "' is not a valid URL");
            }
        }
    }

    /**
     * The URL without what authenticates: the user-info of {@code https://user:token@host/…} goes; the user of an
     * ssh URL ({@code ssh://git@host}, {@code git@host:…}) is a name, not a secret, and stays.
     */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ssh://")) {
            return url.replaceFirst("(?<=://)([^/@:\\s]*):[^/@\\s]*@", "$1@");
        }
        return USERINFO.matcher(url).replaceFirst("");
    }

    /** Whether the transport is ssh ({@code ssh://} or {@code git@host:path}), where the key file is used. */
    static boolean isSsh(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("ssh://") || SCP.matcher(url).matches();
    }

    /** Whether the transport is http(s), where a token is sent as a password. */
    static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
