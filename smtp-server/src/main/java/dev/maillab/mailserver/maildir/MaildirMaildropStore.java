package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Maildir snapshots for POP3. Opening lists {@code new/} and {@code cur/} once and takes sizes
 * from the names ({@code ,W=}, else {@code ,S=}); only a file whose name carries neither is read, once,
 * and its size kept in an in-memory index. A listing is reused while the directories' mtimes show no
 * change ({@link MaildirStamp}). What an UPDATE moves and removes is told to the {@link MaildirObserver}.
 */
public class MaildirMaildropStore implements MaildropStore {

    private static final Logger log = LoggerFactory.getLogger(MaildirMaildropStore.class);
    private static final int MAX_INDEXED_SIZES = 100_000;
    private static final int MAX_CACHED_MESSAGES = 100_000;

    /** CRLF sizes of files whose names do not carry them, by path of the file as first seen. */
    private final ConcurrentMap<Path, Long> sizeIndex = new ConcurrentHashMap<>();
    /**
     * The last listing of each Maildir whose directories have not changed since, so a login to an
     * unchanged maildrop neither rescans it nor makes per-message garbage: a listing lives as long as its
     * session, so one fresh listing of a few hundred files per login would fill the old generation.
     */
    private final ConcurrentMap<Path, Listing> listings = new ConcurrentHashMap<>();

    private final AtomicLong cachedMessages = new AtomicLong();
    private final MaildirObserver observer;

    public MaildirMaildropStore() {
        this(MaildirObserver.NONE);
    }

    public MaildirMaildropStore(MaildirObserver observer) {
        this.observer = observer;
    }

    @Override
    public Maildrop open(MailUser user) throws IOException {
        Path maildir = user.maildir();
        // the stamp before the scan: a change during the scan moves the mtimes past it, so it is not reused
        long now = System.currentTimeMillis();
        MaildirStamp stamp = MaildirStamp.of(maildir);
        Listing cached = listings.get(maildir);
        if (cached != null && cached.stamp.equals(stamp)) {
            return new Snapshot(maildir, cached, user.name(), observer);
        }
        Listing fresh = list(maildir, stamp);
        if (stamp != null && stamp.settledAt(now)) {
            remember(maildir, fresh);
        } else {
            forget(listings.remove(maildir));
        }
        return new Snapshot(maildir, fresh, user.name(), observer);
    }

    private Listing list(Path maildir, MaildirStamp stamp) throws IOException {
        Map<String, Entry> byUid = new HashMap<>();
        scan(maildir.resolve("cur"), true, byUid);
        scan(maildir.resolve("new"), false, byUid);
        List<Entry> ordered = new ArrayList<>(byUid.values());
        ordered.sort(Entry.DELIVERY_ORDER);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Entry e : ordered) {
            entries.put(e.name.base(), e);
        }
        List<StoredMessage> messages = ordered.stream()
                .map(e -> new StoredMessage(e.name.base(), e.size))
                .toList();
        return new Listing(stamp, Collections.unmodifiableMap(entries), messages);
    }

    private void remember(Path maildir, Listing listing) {
        if (cachedMessages.addAndGet(listing.messages.size()) > MAX_CACHED_MESSAGES) {
            listings.clear();
            cachedMessages.set(listing.messages.size());
        }
        forget(listings.put(maildir, listing));
    }

    private void forget(Listing replaced) {
        if (replaced != null) {
            cachedMessages.addAndGet(-replaced.messages.size());
        }
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
                byUid.putIfAbsent(name.base(), Entry.of(name, cur, size));
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

    /** A listed message, with the sort keys of {@link MaildirName#DELIVERY_ORDER} parsed once, not per comparison. */
    private record Entry(MaildirName name, boolean inCur, long size, long seconds, long micros) {

        static final java.util.Comparator<Entry> DELIVERY_ORDER = java.util.Comparator.comparingLong(Entry::seconds)
                .thenComparingLong(Entry::micros)
                .thenComparing(e -> e.name.base());

        static Entry of(MaildirName name, boolean inCur, long size) {
            return new Entry(name, inCur, size, name.deliverySeconds(), name.deliveryMicros());
        }
    }

    /** One reading of a Maildir, shared read-only by the sessions that open it while it is unchanged. */
    private record Listing(MaildirStamp stamp, Map<String, Entry> entries, List<StoredMessage> messages) {}

    private static final class Snapshot implements Maildrop {

        private final Path maildir;
        private final Path newDir;
        private final Path curDir;
        private final Map<String, Entry> entries;
        private final List<StoredMessage> messages;
        private final String user;
        private final MaildirObserver observer;

        Snapshot(Path maildir, Listing listing, String user, MaildirObserver observer) {
            this.maildir = maildir;
            this.newDir = maildir.resolve("new");
            this.curDir = maildir.resolve("cur");
            this.entries = listing.entries;
            this.messages = listing.messages;
            this.user = user;
            this.observer = observer;
        }

        @Override
        public List<StoredMessage> messages() {
            return messages;
        }

        @Override
        public String name(String uid) {
            Entry e = entries.get(uid);
            return e == null ? uid : MaildirObserver.messageOf(e.name.fileName());
        }

        @Override
        public InputStream content(String uid) throws IOException {
            Entry e = entries.get(uid);
            if (e == null) {
                throw new NoSuchFileException(uid);
            }
            try {
                return open(listed(e), e); // where it was listed, nearly always: one path to build, not four
            } catch (NoSuchFileException moved) {
                // another session renamed or removed it; try where it would be now
            }
            for (Path p : elsewhere(e)) {
                try {
                    return open(p, e);
                } catch (NoSuchFileException moved) {
                    // not there either
                }
            }
            throw new NoSuchFileException(maildir + "/{new,cur}/" + uid);
        }

        private static InputStream open(Path file, Entry e) throws IOException {
            InputStream in = new MessageFileStream(Files.newInputStream(file), e.name.size());
            // our own deliveries are CRLF already (S= equals W=): no conversion pass over them
            return e.name.isCrlf() ? in : new CrlfInputStream(in);
        }

        private Path listed(Entry e) {
            return (e.inCur ? curDir : newDir).resolve(e.name.fileName());
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
                        if (Files.deleteIfExists(p)) {
                            tell(() -> observer.deleted(user, name(uid), p.toAbsolutePath()));
                        }
                    } catch (IOException ex) {
                        first = first == null ? ex : first;
                    }
                }
            }
            for (String uid : seen) {
                Entry e = entries.get(uid);
                if (e == null || deleted.contains(uid) || e.inCur && e.name.isSeen()) {
                    continue; // nothing to do for a message already seen in cur/: no paths to build
                }
                Path target = curDir.resolve(e.name.seenName());
                Path source = e.inCur ? curDir.resolve(e.name.fileName()) : newDir.resolve(e.name.fileName());
                if (source.equals(target)) {
                    continue;
                }
                try {
                    Files.move(source, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    tell(() -> observer.moved(user, name(uid), source.toAbsolutePath(), target.toAbsolutePath()));
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

        /** The observer never throws; were it to, the UPDATE still goes on. */
        private static void tell(Runnable observation) {
            try {
                observation.run();
            } catch (RuntimeException e) {
                log.warn("a Maildir observer failed: {}", e.toString());
            }
        }

        /** Where the message is now, most likely first: as listed, then as seen/moved by another session. */
        private List<Path> candidates(Entry e) {
            List<Path> all = new ArrayList<>(4);
            all.add(listed(e));
            all.addAll(elsewhere(e));
            return all;
        }

        /** Where another session may have put it: seen in cur/, with or without its info. */
        private List<Path> elsewhere(Entry e) {
            String prefix = e.name.fileName();
            int colon = prefix.indexOf(':');
            if (colon >= 0) {
                prefix = prefix.substring(0, colon);
            }
            return List.of(curDir.resolve(e.name.seenName()), curDir.resolve(prefix + ":2,"), curDir.resolve(prefix));
        }
    }
}
