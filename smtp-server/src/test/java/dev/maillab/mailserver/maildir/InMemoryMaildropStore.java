package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reading side of the store in memory, for protocol tests, with a disk's faults on demand: a maildrop that
 * cannot be opened, a message that cannot be read (at once, or part-way through), an UPDATE that cannot be written.
 * Sessions get snapshots as from maildir's store: messages removed since are gone, later ones not listed.
 */
public final class InMemoryMaildropStore implements MaildropStore {

    private final AtomicLong names = new AtomicLong();
    /** user name -> UIDL -> message (CRLF, not dot-stuffed), oldest first; guarded by itself */
    private final Map<String, Map<String, byte[]>> maildrops = new LinkedHashMap<>();
    /** user name -> UIDLs shown by a session that ended with QUIT; guarded by {@link #maildrops} */
    private final Map<String, Set<String>> seen = new LinkedHashMap<>();
    /** UIDL -> octets of the message that can be read before the read fails; guarded by {@link #maildrops} */
    private final Map<String, Integer> unreadable = new LinkedHashMap<>();

    private volatile String openFault;
    private volatile String updateFault;

    /** Adds a message (CRLF line ends) for the user and returns its UIDL. */
    public String add(String user, String message) {
        String uid = "mem" + names.incrementAndGet();
        synchronized (maildrops) {
            maildrops
                    .computeIfAbsent(user, name -> new LinkedHashMap<>())
                    .put(uid, message.getBytes(StandardCharsets.ISO_8859_1));
        }
        return uid;
    }

    /** Removes a message, as another program would. */
    public void remove(String user, String uid) {
        synchronized (maildrops) {
            maildrops.getOrDefault(user, new LinkedHashMap<>()).remove(uid);
        }
    }

    /** From now on opening any maildrop fails with an I/O error saying {@code reason}. */
    public void failOpen(String reason) {
        openFault = reason;
    }

    /** From now on reading the message fails at once. */
    public void unreadable(String uid) {
        unreadableAfter(uid, 0);
    }

    /** From now on reading the message fails after its first {@code octets}. */
    public void unreadableAfter(String uid, int octets) {
        synchronized (maildrops) {
            unreadable.put(uid, octets);
        }
    }

    /** From now on every UPDATE (the deletions and seen flags of a QUIT) fails with an I/O error, applying nothing. */
    public void failUpdate(String reason) {
        updateFault = reason;
    }

    /** Every fault gone. */
    public void repair() {
        openFault = null;
        updateFault = null;
        synchronized (maildrops) {
            unreadable.clear();
        }
    }

    /** The user's messages now, oldest first. */
    public List<String> uids(String user) {
        synchronized (maildrops) {
            return List.copyOf(maildrops.getOrDefault(user, Map.of()).keySet());
        }
    }

    /** The messages a session showed to the user and then ended with QUIT. */
    public Set<String> seen(String user) {
        synchronized (maildrops) {
            return Set.copyOf(seen.getOrDefault(user, Set.of()));
        }
    }

    @Override
    public Maildrop open(MailUser user) throws IOException {
        String fault = openFault;
        if (fault != null) {
            throw new IOException(fault);
        }
        List<StoredMessage> snapshot = new ArrayList<>();
        synchronized (maildrops) {
            maildrops
                    .getOrDefault(user.name(), Map.of())
                    .forEach((uid, m) -> snapshot.add(new StoredMessage(uid, m.length)));
        }
        return new Snapshot(user.name(), List.copyOf(snapshot));
    }

    private final class Snapshot implements Maildrop {

        private final String user;
        private final List<StoredMessage> messages;

        Snapshot(String user, List<StoredMessage> messages) {
            this.user = user;
            this.messages = messages;
        }

        @Override
        public List<StoredMessage> messages() {
            return messages;
        }

        @Override
        public InputStream content(String uid) throws IOException {
            byte[] message;
            Integer readable;
            synchronized (maildrops) {
                message = maildrops.getOrDefault(user, Map.of()).get(uid);
                readable = unreadable.get(uid);
            }
            if (message == null) {
                throw new NoSuchFileException(uid);
            }
            if (readable == null) {
                return new ByteArrayInputStream(message);
            }
            if (readable == 0) {
                throw new IOException(uid + ": Input/output error");
            }
            return new FailingAfter(new ByteArrayInputStream(message), readable);
        }

        @Override
        public void update(Collection<String> deleted, Collection<String> shown) throws IOException {
            String fault = updateFault;
            if (fault != null) {
                throw new IOException(fault);
            }
            synchronized (maildrops) {
                Map<String, byte[]> maildrop = maildrops.getOrDefault(user, new LinkedHashMap<>());
                deleted.forEach(maildrop::remove);
                for (String uid : shown) {
                    if (maildrop.containsKey(uid)) {
                        seen.computeIfAbsent(user, name -> new LinkedHashSet<>())
                                .add(uid);
                    }
                }
            }
        }
    }

    /** A stream that gives its first octets and then fails, as a file on a failing disk. */
    private static final class FailingAfter extends FilterInputStream {

        private int left;

        FailingAfter(InputStream in, int octets) {
            super(in);
            this.left = octets;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                throw new IOException("Input/output error");
            }
            left--;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                throw new IOException("Input/output error");
            }
            int n = super.read(b, off, Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
