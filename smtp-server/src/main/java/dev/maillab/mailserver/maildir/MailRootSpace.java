package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.UsersProperties;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Free space on the mail root's file system against {@code maillab.maildir.min-free}. A nearly full disk is a
 * temporary condition of intake, not of the service: SMTP asks {@link #hasRoomFor} before it takes a message and
 * answers 452 4.3.1 (insufficient system storage) when there is none; POP3 and the health carry on.
 */
public class MailRootSpace {

    private final Path mailRoot;
    private final long minFree;
    private volatile Store store;

    public MailRootSpace(UsersProperties users, MaildirProperties maildir) {
        this.mailRoot = users.mailRoot().toAbsolutePath();
        this.minFree = maildir.minFree().toBytes();
    }

    public Path mailRoot() {
        return mailRoot;
    }

    public long minFree() {
        return minFree;
    }

    /** Bytes this process may still write under the mail root (or the nearest existing parent); -1 when unknown. */
    public long usableBytes() {
        Path at = mailRoot;
        while (at != null && !Files.exists(at)) {
            at = at.getParent();
        }
        if (at == null) {
            return -1;
        }
        try {
            return storeOf(at).getUsableSpace();
        } catch (IOException e) {
            store = null;
            return -1;
        }
    }

    /**
     * The file system of {@code at}, looked up once: finding it reads the mount table (a dozen system calls), which
     * SMTP would otherwise do twice per message; asking it for free space is one statfs.
     */
    private FileStore storeOf(Path at) throws IOException {
        Store known = store;
        if (known == null || !known.path().equals(at)) {
            known = new Store(at, Files.getFileStore(at));
            store = known;
        }
        return known.fileStore();
    }

    private record Store(Path path, FileStore fileStore) {}

    /**
     * True when a message of {@code messageBytes} (0 when its size is not known yet) can be stored and still leave
     * {@code min-free}. An unknown free space counts as room: the write itself then fails and says why.
     */
    public boolean hasRoomFor(long messageBytes) {
        long usable = usableBytes();
        return usable < 0 || usable - Math.max(0, messageBytes) >= minFree;
    }
}
