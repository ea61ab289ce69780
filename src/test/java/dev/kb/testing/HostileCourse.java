package dev.kb.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A course written to hurt: oversized, deeply nested, link-flooded, mis-encoded and script-laden files, odd file
 * names and symbolic links, each next to ordinary text so tests can tell what survived. Generated, not stored:
 * the 20 MB file would bloat the repository.
 */
public final class HostileCourse {
    public static final String SPACES = "file with spaces.md";
    public static final String UMLAUTS = "Übung für Änderungen.md";
    public static final String PERCENT = "percent%20name.md";

    private HostileCourse() {
    }

    public static Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            // CRLF line ends and a byte order mark in the agenda itself.
            write(dir, "README.md", "\uFEFF# Hostile course\r\n\r\n## Agenda\r\n\r\n### Module one\r\n\r\n"
                    + "- [Big](big.md)\r\n- [Deep](deep.md)\r\n- [Links](links.md)\r\n- [Scripts](scripts.md)\r\n"
                    + "- [Spaces](file%20with%20spaces.md)\r\n- [Spaces angle](<file with spaces.md>)\r\n"
                    + "- [Umlauts](%C3%9Cbung%20f%C3%BCr%20%C3%84nderungen.md)\r\n- [Percent](percent%2520name.md)\r\n"
                    + "- [Dupes](dupes.md)\r\n- [Broken bytes](broken.md)\r\n- [Binary](binary.md)\r\n"
                    + "- [Climb](../../../etc/passwd)\r\n");
            bigFile(dir.resolve("big.md"), 20 * 1024 * 1024);
            write(dir, "deep.md", "# Deep nesting\n\nSurface words.\n\n" + "- ".repeat(10_000) + "listbottom\n\n"
                    + ">".repeat(10_000) + " quotebottom\n\n" + "> - ".repeat(5_000) + "mixedbottom\n");
            StringBuilder links = new StringBuilder("# Link flood\n\nFlood words.\n\n");
            for (int i = 0; i < 100_000; i++) {
                links.append("[l").append(i).append("](n").append(i).append(".md)\n");
            }
            write(dir, "links.md", links.toString());
            write(dir, "scripts.md", SCRIPTS);
            write(dir, SPACES, "# Spaced name\n\nSpacewords here.\n");
            write(dir, UMLAUTS, "# Übung\n\nÄnderungen an Größen.\n");
            write(dir, PERCENT, "# Percent name\n\nPercentwords here.\n");
            write(dir, "dupes.md", "# Dupes\n\n## Setup\n\nfirst setup\n\n## Setup\n\nsecond setup\n\n## Setup\n\nthird setup\n");
            Files.write(dir.resolve("broken.md"), concat("# Broken bytes\n\nBefore ".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 0, (byte) 0xE2, (byte) 0x82},
                    " after nulbytes.\r\n".getBytes(StandardCharsets.UTF_8)));
            byte[] binary = new byte[4096];
            new java.util.Random(7).nextBytes(binary);
            Files.write(dir.resolve("binary.md"), concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}, binary));
            Files.createSymbolicLink(dir.resolve("outside.md"), Path.of("/etc/hostname"));
            Files.createDirectories(dir.resolve("loop"));
            Files.createSymbolicLink(dir.resolve("loop/again"), dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Markup that would run script in a reader's browser if it got through unsanitised. */
    private static final String SCRIPTS = """
            # Scripts

            Scriptwords before the markup.

            <script>alert('script')</script>

            <iframe src="https://evil.example/"></iframe>

            <img src="x" onerror="alert('onerror')">

            <a href="javascript:alert('href')">js link</a> and <a href="JaVaScRiPt:alert(1)">mixed case</a>
            and <a href="java&#x09;script:alert(1)">entity</a>

            [markdown js](javascript:alert('md')) and ![img js](javascript:alert('img'))

            <javascript:alert('autolink')>

            <svg onload="alert('svg')"><circle r="1"/></svg>

            <object data="evil.swf"></object><embed src="evil.swf">

            <form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button></form>

            <meta http-equiv="refresh" content="0;url=javascript:alert(1)">

            <base href="https://evil.example/">

            <div style="background:url(javascript:alert(1))" onclick="alert(1)">styled</div>

            <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>

            ## After

            Scriptwords after the markup.
            """;

    private static void bigFile(Path file, int bytes) throws IOException {
        byte[] heading = "## Big section\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] paragraph = ("Bigword filler text about pods and sidecars, repeated to fill the file. "
                + "Lorem ipsum dolor sit amet.\n\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("# Big file\n\n".getBytes(StandardCharsets.UTF_8));
            for (int written = 0, n = 0; written < bytes; written += paragraph.length, n++) {
                out.write(n % 200 == 0 ? heading : new byte[0]);
                out.write(paragraph);
            }
        }
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
