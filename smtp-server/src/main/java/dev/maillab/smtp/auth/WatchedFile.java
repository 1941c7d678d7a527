package dev.maillab.smtp.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file parsed again whenever its mtime, size or inode changes: one stat per look-up, so an edited
 * users file takes effect on the next login without a restart. A file that cannot be read keeps the
 * last good content (or {@code empty} if there never was one).
 */
final class WatchedFile<T> {

    private static final Logger log = LoggerFactory.getLogger(WatchedFile.class);

    private record Stamp(FileTime mtime, long size, Object key) {
    }

    private final Path file;
    private final BiFunction<Path, List<String>, T> parser;
    private final T empty;
    private volatile Stamp stamp;
    private volatile T content;
    private boolean unreadableLogged;

    WatchedFile(Path file, BiFunction<Path, List<String>, T> parser, T empty) {
        this.file = file;
        this.parser = parser;
        this.empty = empty;
        this.content = empty;
    }

    T get() {
        Stamp now = stat();
        if (!Objects.equals(now, stamp)) {
            synchronized (this) {
                if (!Objects.equals(now, stamp)) {
                    reload(now);
                }
            }
        }
        return content;
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
            if (!unreadableLogged) {
                log.warn("{} cannot be read; {}", file, content == empty ? "no entries" : "keeping the last content");
                unreadableLogged = true;
            }
            stamp = null;
            return;
        }
        unreadableLogged = false;
        try {
            T parsed = parser.apply(file, Files.readAllLines(file, StandardCharsets.UTF_8));
            content = parsed;
            stamp = now;
            log.info("loaded {}", file);
        } catch (IOException | RuntimeException e) {
            log.warn("{} cannot be read ({}); keeping the last content", file, e.toString());
            stamp = now;
        }
    }
}
