package dev.kb.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The first bytes of a file (one more than the limit, so a cut can tell where the last whole character ends), with the hash and size of all of it: a file of any size costs at most the limit in
 * memory, while any change anywhere in it still changes the hash that says whether to parse it again.
 */
record Head(byte[] bytes, long size, byte[] sha256) {

    /** Reads the file at {@code relative} through the course's no-link opener, as every read of a course file does. */
    static Head read(CourseRoot root, Path relative, int maxBytes) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = root.open(relative)) {
            byte[] head = in.readNBytes(maxBytes + 1);
            digest.update(head);
            long size = head.length;
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return new Head(head, size, digest.digest());
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
