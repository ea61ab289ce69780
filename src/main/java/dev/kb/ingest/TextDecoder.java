package dev.kb.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bytes of a course file as text, as far as possible: a UTF-8 byte order mark is dropped,
 * invalid UTF-8 becomes U+FFFD, NUL characters (which PostgreSQL text cannot hold) are removed, and files
 * that are plainly binary are refused. Every repair is reported.
 */
public final class TextDecoder {
    private static final int SNIFF_BYTES = 8192;

    public record Decoded(String text, boolean binary, List<String> warnings) {
    }

    private TextDecoder() {
    }

    public static Decoded decode(byte[] bytes) {
        int offset = hasBom(bytes) ? 3 : 0;
        if (looksBinary(bytes, offset)) {
            return new Decoded("", true, List.of("binary content, not text"));
        }
        List<String> warnings = new ArrayList<>();
        String text;
        try {
            text = strictDecoder().decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
            warnings.add("not valid UTF-8: undecodable bytes replaced by U+FFFD");
        }
        if (text.indexOf('\0') >= 0) {
            text = text.replace("\0", "");
            warnings.add("NUL characters removed");
        }
        return new Decoded(text, false, List.copyOf(warnings));
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    /** Binary when more than a tenth of the first bytes are control characters other than tab and line ends. */
    private static boolean looksBinary(byte[] bytes, int offset) {
        int end = Math.min(bytes.length, offset + SNIFF_BYTES);
        int control = 0;
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                control++;
            }
        }
        return end > offset && control * 10 > end - offset;
    }

    /** Cuts UTF-8 bytes to at most {@code max} without splitting a character. */
    public static byte[] truncate(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return bytes;
        }
        int end = max;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }
}
