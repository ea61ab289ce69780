package dev.kb.ingest;

import dev.kb.model.LinkTarget;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resolves a link target as written in a course file to a course-relative path, without touching the
 * file system: {@code /x.md} is relative to the course root, {@code x.md} to the linking file. A path that
 * climbs out of the root is never turned into a path at all, so nothing outside the course can be read
 * through a link.
 */
public final class LinkResolver {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private LinkResolver() {
    }

    /** Trims the target and removes line breaks inside it: authors break long URLs across lines. */
    private static String clean(String href) {
        return href == null ? "" : LINE_BREAK.matcher(href.strip()).replaceAll("");
    }

    public static LinkTarget resolve(String href, String fromPath) {
        String target = clean(href);
        if (target.isEmpty()) {
            return new LinkTarget(LinkTarget.Kind.EMPTY, null, null, null, "empty link target");
        }
        if (target.startsWith("#")) {
            String fragment = percentDecode(target.substring(1));
            return new LinkTarget(LinkTarget.Kind.ANCHOR, fromPath, fragment.isEmpty() ? null : fragment, null, null);
        }
        if (target.startsWith("//")) {
            target = "https:" + target;
        }
        if (SCHEME.matcher(target).find()) {
            String scheme = target.substring(0, target.indexOf(':')).toLowerCase(Locale.ROOT);
            if (scheme.equals("http") || scheme.equals("https")) {
                return new LinkTarget(LinkTarget.Kind.EXTERNAL, null, null, target, null);
            }
            return new LinkTarget(LinkTarget.Kind.OTHER, null, null, null, "not a web or course link (" + scheme + ":)");
        }
        return resolveLocal(target, fromPath);
    }

    private static LinkTarget resolveLocal(String target, String fromPath) {
        String fragment = null;
        int hash = target.indexOf('#');
        if (hash >= 0) {
            fragment = percentDecode(target.substring(hash + 1));
            fragment = fragment.isEmpty() ? null : fragment;
            target = target.substring(0, hash);
        }
        int query = target.indexOf('?');
        if (query >= 0) {
            target = target.substring(0, query);
        }
        String decoded = java.text.Normalizer.normalize(percentDecode(target), java.text.Normalizer.Form.NFC);
        if (decoded.indexOf('\0') >= 0) {
            return LinkTarget.unusable(LinkTarget.Kind.LOCAL, fragment, "link target contains a NUL character");
        }
        if (decoded.isEmpty()) {
            // "?x" or "#" alone after stripping: the linking document itself.
            return LinkTarget.local(fromPath, fragment);
        }
        String base = decoded.startsWith("/") ? "" : fromPath.substring(0, Math.max(0, fromPath.lastIndexOf('/')));
        String anchor = fragment;
        return CoursePaths.resolve(base, decoded).map(path -> LinkTarget.local(path, anchor)).orElseGet(() ->
                LinkTarget.unusable(LinkTarget.Kind.LOCAL, anchor, "link target escapes the course root"));
    }

    /** Percent-decoding as in URLs ({@code +} stays a plus); malformed escapes are kept as written. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
