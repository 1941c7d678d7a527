package dev.maillab.smtp.maildir;

import dev.maillab.smtp.auth.MailUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens Maildir snapshots for POP3. Opening lists {@code new/} and {@code cur/} once and takes sizes
 * from the names ({@code ,W=}, else {@code ,S=}); only a file whose name carries neither is read, once,
 * and its size kept in an in-memory index.
 */
@Component
public class MaildirMaildropStore implements MaildropStore {

    private static final Logger log = LoggerFactory.getLogger(MaildirMaildropStore.class);
    private static final int MAX_INDEXED_SIZES = 100_000;

    /** CRLF sizes of files whose names do not carry them, by path of the file as first seen. */
    private final ConcurrentMap<Path, Long> sizeIndex = new ConcurrentHashMap<>();

    @Override
    public Maildrop open(MailUser user) throws IOException {
        Path maildir = user.maildir();
        Map<String, Entry> byUid = new HashMap<>();
        scan(maildir.resolve("cur"), true, byUid);
        scan(maildir.resolve("new"), false, byUid);
        List<Entry> ordered = new ArrayList<>(byUid.values());
        ordered.sort((a, b) -> MaildirName.DELIVERY_ORDER.compare(a.name, b.name));
        Map<String, Entry> snapshot = new LinkedHashMap<>();
        for (Entry e : ordered) {
            snapshot.put(e.name.base(), e);
        }
        return new Snapshot(maildir, snapshot);
    }

    private void scan(Path dir, boolean cur, Map<String, Entry> byUid) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String fileName = f.getFileName().toString();
                if (fileName.startsWith(".")) {
                    continue;
                }
                MaildirName name = MaildirName.parse(fileName);
                if (!isValidUidl(name.base())) {
                    log.warn("{}: name is not usable as a POP3 UIDL (1-70 printable characters); not listed", f);
                    continue;
                }
                long size = name.rfc822Size() >= 0 ? name.rfc822Size() : name.size() >= 0 ? name.size() : -1;
                if (size < 0) {
                    size = indexedSize(f);
                    if (size < 0) {
                        continue;
                    }
                }
                // a message seen in both (another session moving it right now) is listed once, from cur/
                byUid.putIfAbsent(name.base(), new Entry(name, cur, size));
            }
        } catch (NoSuchFileException e) {
            // no Maildir yet: nothing delivered, an empty maildrop
        }
    }

    private long indexedSize(Path file) {
        Long known = sizeIndex.get(file);
        if (known != null) {
            return known;
        }
        try (InputStream in = Files.newInputStream(file)) {
            long size = CrlfInputStream.crlfSize(in);
            if (sizeIndex.size() >= MAX_INDEXED_SIZES) {
                sizeIndex.clear();
            }
            sizeIndex.put(file, size);
            return size;
        } catch (IOException e) {
            return -1;
        }
    }

    static boolean isValidUidl(String uid) {
        if (uid.isEmpty() || uid.length() > 70) {
            return false;
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private record Entry(MaildirName name, boolean inCur, long size) {
    }

    private static final class Snapshot implements Maildrop {

        private final Path maildir;
        private final Map<String, Entry> entries;
        private final List<StoredMessage> messages;

        Snapshot(Path maildir, Map<String, Entry> entries) {
            this.maildir = maildir;
            this.entries = entries;
            this.messages = entries.values().stream().map(e -> new StoredMessage(e.name.base(), e.size)).toList();
        }

        @Override
        public List<StoredMessage> messages() {
            return messages;
        }

        @Override
        public InputStream content(String uid) throws IOException {
            Entry e = entries.get(uid);
            if (e == null) {
                throw new NoSuchFileException(uid);
            }
            for (Path p : candidates(e)) {
                try {
                    return new CrlfInputStream(Files.newInputStream(p)); // reads in blocks itself
                } catch (NoSuchFileException moved) {
                    // another session renamed or removed it; try where it would be now
                }
            }
            throw new NoSuchFileException(maildir + "/{new,cur}/" + uid);
        }

        @Override
        public void update(Collection<String> deleted, Collection<String> seen) throws IOException {
            IOException first = null;
            for (String uid : deleted) {
                Entry e = entries.get(uid);
                if (e == null) {
                    continue;
                }
                for (Path p : candidates(e)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ex) {
                        first = first == null ? ex : first;
                    }
                }
            }
            for (String uid : seen) {
                Entry e = entries.get(uid);
                if (e == null || deleted.contains(uid)) {
                    continue;
                }
                Path target = maildir.resolve("cur").resolve(e.name.seenName());
                Path source = e.inCur ? maildir.resolve("cur").resolve(e.name.fileName())
                        : maildir.resolve("new").resolve(e.name.fileName());
                if (source.equals(target)) {
                    continue;
                }
                try {
                    Files.move(source, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException gone) {
                    // removed or already moved by another session
                } catch (IOException ex) {
                    first = first == null ? ex : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }

        /** Where the message is now, most likely first: as listed, then as seen/moved by another session. */
        private List<Path> candidates(Entry e) {
            Path cur = maildir.resolve("cur");
            Path listed = (e.inCur ? cur : maildir.resolve("new")).resolve(e.name.fileName());
            String prefix = e.name.fileName();
            int colon = prefix.indexOf(':');
            if (colon >= 0) {
                prefix = prefix.substring(0, colon);
            }
            return List.of(listed, cur.resolve(e.name.seenName()), cur.resolve(prefix + ":2,"), cur.resolve(prefix));
        }
    }
}
