package dev.kb.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * The one way kb opens a file of a course (documents, the agenda, images): by its course-relative path, never
 * following a symbolic link in any part of it, so what is opened is always inside the root.
 *
 * <p>Checking links when the course is scanned is not enough: a file (or a folder above it) swapped for a link
 * between the scan and the read would be followed. So the check happens in the open itself. Where the platform
 * offers openat-style relative opens ({@link SecureDirectoryStream}, on Linux), each folder is opened relative to
 * the one above it with {@code O_NOFOLLOW}, down from the root: every component is a real entry of the folder
 * opened before it, whatever is renamed meanwhile, so the file is inside the root by construction. A plain
 * {@code newByteChannel(path, NOFOLLOW_LINKS)} would protect the last component only, and a folder swapped for a
 * link to {@code /etc} would still be followed. Elsewhere, each component is checked, the file opened without
 * following its last component, and its real path checked to be inside the root (a folder swapped in between
 * the check and the open can still win there: a gap of platforms without openat).
 */
public final class CourseRoot {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;

    /** {@code root} as the scan resolved it (its real path): the root itself is the operator's, not the course's. */
    public CourseRoot(Path root) {
        this.root = root;
    }

    /** A file the course may not open: a symbolic link on the way, a path out of the root, not a regular file. */
    public static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** Opens the file at {@code relative} (to the root) for reading. */
    public InputStream open(Path relative) throws IOException {
        if (relative.isAbsolute() || relative.getNameCount() == 0 || relative.toString().isEmpty()) {
            throw new Refused("not a path inside the course");
        }
        for (Path name : relative) {
            if (name.toString().equals("..") || name.toString().equals(".")) {
                throw new Refused("not a path inside the course");
            }
        }
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            if (top instanceof SecureDirectoryStream<Path> secure) {
                return openBelow(secure, relative, 0);
            }
        }
        return openChecked(root, relative);
    }

    private static InputStream openBelow(SecureDirectoryStream<Path> dir, Path relative, int index) throws IOException {
        Path name = relative.getName(index);
        if (index == relative.getNameCount() - 1) {
            // A quick look first, for a clear reason (a fifo would block the open); the open itself refuses links.
            BasicFileAttributes seen = attributes(dir, name);
            if (!seen.isRegularFile()) {
                throw refusal(seen);
            }
            try {
                return Channels.newInputStream(dir.newByteChannel(name, Set.of(StandardOpenOption.READ, NOFOLLOW)));
            } catch (IOException e) {
                throw explained(dir, name, e);
            }
        }
        SecureDirectoryStream<Path> below;
        try {
            below = dir.newDirectoryStream(name, NOFOLLOW);
        } catch (IOException e) {
            throw explained(dir, name, e);
        }
        try (below) {
            return openBelow(below, relative, index + 1);
        }
    }

    /** Without openat: every component checked, the last opened without following it, the result checked. */
    static InputStream openChecked(Path root, Path relative) throws IOException {
        Path file = root;
        for (Path name : relative) {
            file = file.resolve(name.toString());
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
            if (attributes.isSymbolicLink()) {
                throw refusal(attributes);
            }
        }
        if (!Files.isRegularFile(file, NOFOLLOW)) {
            throw refusal(Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW));
        }
        InputStream in = Files.newInputStream(file, StandardOpenOption.READ, NOFOLLOW);
        if (!file.toRealPath().startsWith(root.toRealPath())) {
            in.close();
            throw new Refused("resolves outside the course root: not read");
        }
        return in;
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
    }

    /** An open that failed because the name is (now) a symbolic link says so; other failures stay as they are. */
    private static IOException explained(SecureDirectoryStream<Path> dir, Path name, IOException e) {
        try {
            BasicFileAttributes now = attributes(dir, name);
            return now.isSymbolicLink() ? refusal(now) : e;
        } catch (IOException gone) {
            return e;
        }
    }

    private static Refused refusal(BasicFileAttributes attributes) {
        return new Refused(attributes.isSymbolicLink()
                ? "a symbolic link in its path (replaced after the scan?): not followed"
                : "not a regular file: not read");
    }
}
