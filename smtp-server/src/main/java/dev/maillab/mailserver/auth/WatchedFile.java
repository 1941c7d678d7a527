package dev.maillab.mailserver.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file parsed again when its mtime, size or inode changes, all or nothing: a version that does not parse whole,
 * or that suddenly has no entries (a truncated file), is refused with an ERROR naming the file and line, and the
 * last good content stays in use ({@link #status()} says it is stale). A changed file is read only once it has
 * been quiet for the settle time, and only if it did not change while being read, so a file in the middle of being
 * written is never taken. One stat per look-up; the first load happens in the constructor and a broken file there
 * throws, which stops the server.
 */
final class WatchedFile<T> {

    private static final Logger log = LoggerFactory.getLogger(WatchedFile.class);

    /** Parses the whole file or throws {@link UsersFileException} for the first line it cannot take. */
    interface Parser<T> {
        T parse(Path file, List<String> lines);
    }

    /** What look-ups use, and whether the file on disk is something else. */
    record Status(Path file, int entries, Instant loadedAt, String error) {
        boolean stale() {
            return error != null;
        }
    }

    private record Stamp(FileTime mtime, long size, Object key) {}

    private final String kind;
    private final Path file;
    private final Parser<T> parser;
    private final ToIntFunction<T> count;
    private final long settleNanos;
    private final long maxBytes;
    private final int maxLineLength;

    private volatile T content;
    private volatile Instant loadedAt;
    private volatile String error;
    /** The stamp of what {@link #content} came from, or of the version last refused: neither is read again. */
    private volatile Stamp seen;

    private Stamp pending;
    private long pendingSince;

    WatchedFile(String kind, Path file, Parser<T> parser, T empty, ToIntFunction<T> count, UsersProperties limits) {
        this.kind = kind;
        this.file = file;
        this.parser = parser;
        this.count = count;
        this.content = empty;
        this.settleNanos = limits.reloadSettle().toNanos();
        this.maxBytes = limits.maxFileSize().toBytes();
        this.maxLineLength = limits.maxLineLength();
        Stamp now = stat();
        if (now == null) {
            error = "cannot be read";
            log.warn("{}: {} cannot be read; no entries until it can", kind, file);
            return;
        }
        T parsed;
        try {
            parsed = read(now);
        } catch (UsersFileException e) {
            log.error("{}", e.getMessage());
            throw e;
        }
        if (parsed == null) {
            throw new UsersFileException(kind, file, 0, "changed while being read at start-up; start again");
        }
        accept(parsed, now);
    }

    T get() {
        Stamp now = stat();
        if (!Objects.equals(now, seen)) {
            synchronized (this) {
                if (!Objects.equals(now, seen)) {
                    reload(now);
                }
            }
        }
        return content;
    }

    Status status() {
        T current = get();
        return new Status(file, count.applyAsInt(current), loadedAt, error);
    }

    private Stamp stat() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    private void reload(Stamp now) {
        if (now == null) {
            refuse(null, "cannot be read (missing or not accessible)");
            return;
        }
        if (!settled(now)) {
            return;
        }
        try {
            T parsed = read(now);
            if (parsed == null) {
                return; // changed while being read: the next look-up tries again once it is quiet
            }
            if (count.applyAsInt(parsed) == 0 && count.applyAsInt(content) > 0) {
                throw new UsersFileException(kind, file, 0, "has no entries any more (emptied or truncated?)");
            }
            accept(parsed, now);
        } catch (UsersFileException e) {
            refuse(now, e.getMessage());
        }
    }

    /** Quiet for the settle time: by its mtime, or (a clock ahead of ours) since this version was first seen. */
    private boolean settled(Stamp now) {
        long nanos = System.nanoTime();
        if (!now.equals(pending)) {
            pending = now;
            pendingSince = nanos;
        }
        Duration age = Duration.between(now.mtime().toInstant(), Instant.now());
        return age.toNanos() >= settleNanos || nanos - pendingSince >= settleNanos;
    }

    private void accept(T parsed, Stamp now) {
        content = parsed;
        seen = now;
        loadedAt = Instant.now();
        error = null;
        log.info("{}: loaded {} ({} entries)", kind, file, count.applyAsInt(parsed));
    }

    private void refuse(Stamp now, String problem) {
        String message = problem.startsWith(kind + ": ") ? problem : kind + ": " + file + ": " + problem;
        if (!message.equals(error)) {
            log.error(
                    "{}; keeping the content loaded {}",
                    message,
                    loadedAt == null ? "never (no entries)" : "at " + loadedAt);
        }
        error = message;
        seen = now;
    }

    /** The parsed file, or null when it changed while being read. */
    private T read(Stamp before) {
        if (before.size() > maxBytes) {
            throw new UsersFileException(
                    kind, file, 0, "larger than " + maxBytes + " bytes (maillab.users.max-file-size)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes + 1);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UsersFileException(kind, file, 0, "cannot be read: " + e);
        }
        if (!before.equals(stat())) {
            return null;
        }
        return parser.parse(file, lines(bytes));
    }

    private List<String> lines(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsersFileException(kind, file, 0, "is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, as some Windows editors write
        }
        // CRLF, CR and LF all end a line
        List<String> lines = Arrays.asList(text.split("\r\n|\r|\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > maxLineLength) {
                throw new UsersFileException(
                        kind,
                        file,
                        i + 1,
                        "line longer than " + maxLineLength + " characters (maillab.users.max-line-length)");
            }
        }
        return lines;
    }
}
