package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery side of the store in memory, for protocol tests, with a disk's faults on demand: no room (the intake
 * asks {@link #hasRoomFor} before it takes a message, as it asks maildir's {@code MailRootSpace}) and writes that
 * fail (as a Maildir that cannot be written). Thread-safe: SMTP sessions deliver on their own threads.
 */
public final class InMemoryMailStore implements MailStore {

    private static final long UNLIMITED = Long.MAX_VALUE;

    private final Map<String, List<String>> messages = new ConcurrentHashMap<>();
    private final AtomicLong names = new AtomicLong();
    private volatile long room = UNLIMITED;
    private volatile String writeFault;

    @Override
    public Stored store(MailUser user, byte[] addedHeaders, byte[] message) throws IOException {
        String fault = writeFault;
        if (fault != null) {
            throw new IOException(fault);
        }
        String uid = "mem" + names.incrementAndGet();
        String stored = new String(addedHeaders, StandardCharsets.ISO_8859_1)
                + new String(message, StandardCharsets.ISO_8859_1);
        messages.computeIfAbsent(user.name(), name -> new CopyOnWriteArrayList<>())
                .add(stored);
        return new Stored(uid, uid + ",S=" + stored.length());
    }

    /** Whether a message of this many bytes (0: size not known yet) still fits. */
    public boolean hasRoomFor(long bytes) {
        return room >= Math.max(0, bytes);
    }

    /** From now on no message fits, not even one of unknown size: the reserve is already used. */
    public void full() {
        room = -1;
    }

    /** From now on a message fits when it has at most this many bytes. */
    public void roomFor(long bytes) {
        room = bytes;
    }

    /** From now on every write fails with an I/O error saying {@code reason}. */
    public void failWrites(String reason) {
        writeFault = reason;
    }

    /** Room for everything again, and writes that work. */
    public void repair() {
        room = UNLIMITED;
        writeFault = null;
    }

    /** What was stored for the user, oldest first: the added header lines and the message as received. */
    public List<String> messages(String user) {
        return List.copyOf(messages.getOrDefault(user, List.of()));
    }
}
