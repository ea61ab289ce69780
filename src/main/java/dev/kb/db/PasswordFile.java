package dev.kb.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The embedded PostgreSQL's superuser password: made once per data directory, kept next to it readable by kb's user
 * alone (0600), and read again at every start. Anyone who can read it can read the data directory too.
 */
final class PasswordFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** 192 random bits, as hex: nothing in it needs quoting in SQL, a connection string or initdb's password file. */
    private static final int RANDOM_BYTES = 24;

    private PasswordFile() {
    }

    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException another) {
                // Another start made it a moment ago: that one is the password.
            }
        }
        ownerOnly(file);
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!password.matches("[0-9a-f]{16,}")) {
            throw new IOException(file + " does not hold a password kb made (hex digits on one line)");
        }
        return password;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        byte[] line = (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.UTF_8);
        // Created with its final permissions: there is no moment in which others may read it.
        FileAttribute<?>[] attributes = isPosix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Files.write(Files.createFile(file, attributes), line, StandardOpenOption.WRITE);
    }

    /** An existing file whose permissions were loosened is made private again. */
    private static void ownerOnly(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
