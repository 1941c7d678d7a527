package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * {@link MailboxStore} over the Maildirs themselves, read afresh for every call (the API is for people, not for
 * throughput). An id is only ever compared with directory entries, never made into a path, so no id can name a file
 * outside the user's {@code new/} and {@code cur/}. {@code new/} is read before {@code cur/}: a message a POP3 session
 * moves meanwhile is then seen at least once (in {@code cur/} if twice), never missed.
 */
public class MaildirMailboxStore implements MailboxStore {

    /** Finding a message again after it moved or went: a move and a removal can each happen once between tries. */
    private static final int ATTEMPTS = 3;

    private static final Comparator<Found> OLDEST_FIRST = Comparator.comparing(Found::name, MaildirName.DELIVERY_ORDER);

    private final MaildirObserver observer;

    /** @param observer hears each removal (the web console's journal) */
    public MaildirMailboxStore(MaildirObserver observer) {
        this.observer = observer;
    }

    /** Without an observer. */
    public MaildirMailboxStore() {
        this(MaildirObserver.NONE);
    }

    /** One directory entry that names a message. */
    private record Found(Path file, MaildirName name, boolean inCur) {}

    @FunctionalInterface
    private interface Visitor {
        void visit(Found entry) throws IOException;
    }

    @Override
    public MaildirCounts counts(MailUser user) throws IOException {
        int[] counts = new int[2];
        long[] bytes = new long[1];
        scan(user.maildir(), found -> {
            long size = size(found);
            if (size >= 0) {
                counts[found.inCur() ? 1 : 0]++;
                bytes[0] += size;
            }
        });
        return new MaildirCounts(counts[0], counts[1], bytes[0]);
    }

    @Override
    public MessageListing newestFirst(MailUser user, String before, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        MaildirName cursor = before == null ? null : MaildirName.parse(before);
        // the newest limit + 1 seen so far (one more tells whether older ones follow), the oldest of them at the head
        PriorityQueue<Found> kept = new PriorityQueue<>(OLDEST_FIRST);
        int[] total = new int[1];
        scan(user.maildir(), found -> {
            total[0]++;
            if (cursor != null && MaildirName.DELIVERY_ORDER.compare(found.name(), cursor) >= 0) {
                return;
            }
            kept.add(found);
            if (kept.size() > limit + 1) {
                kept.poll();
            }
        });
        List<Found> newest = new ArrayList<>(kept);
        // cur/ last among equals, so the reversed list has it first and the copy still in new/ is dropped
        newest.sort(OLDEST_FIRST.thenComparing(Found::inCur));
        List<MessageFile> page = new ArrayList<>(Math.min(limit, newest.size()));
        Set<String> listed = new HashSet<>();
        boolean more = false;
        for (int i = newest.size() - 1; i >= 0; i--) {
            Found f = newest.get(i);
            if (!listed.add(f.name().base())) {
                total[0]--;
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            MessageFile m = messageFile(f);
            if (m != null) {
                page.add(m);
            }
        }
        return new MessageListing(List.copyOf(page), total[0], more);
    }

    @Override
    public Optional<MessageFile> find(MailUser user, String id) throws IOException {
        String base = MaildirName.parse(id).base();
        Found[] match = new Found[1];
        scan(user.maildir(), found -> {
            if (found.name().base().equals(base)) {
                match[0] = found; // a later one is in cur/: where a move took it
            }
        });
        return match[0] == null ? Optional.empty() : Optional.ofNullable(messageFile(match[0]));
    }

    @Override
    public MessageContent open(MailUser user, MessageFile message) throws IOException {
        Path path = message.path();
        for (int attempt = 1; ; attempt++) {
            try {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                try {
                    return new ChannelContent(channel, channel.size());
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            } catch (NoSuchFileException moved) {
                Optional<MessageFile> now = find(user, message.id());
                if (now.isEmpty() || attempt == ATTEMPTS) {
                    throw moved;
                }
                path = now.get().path();
            }
        }
    }

    @Override
    public Optional<MessageFile> delete(MailUser user, String id) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<MessageFile> found = find(user, id);
            if (found.isEmpty()) {
                return found;
            }
            Path file = found.get().path();
            try {
                Files.delete(file);
            } catch (NoSuchFileException moved) {
                continue; // a POP3 session moved it to cur/ (or removed it) after we found it
            }
            // so that a crash cannot bring the message back
            DirectorySync.force(file.getParent());
            try {
                observer.deleted(
                        user.name(),
                        MaildirObserver.messageOf(file.getFileName().toString()),
                        file.toAbsolutePath());
            } catch (RuntimeException e) {
                // an observer must not throw; the file is gone whatever it did
            }
            return found;
        }
        return Optional.empty();
    }

    /** Every entry of new/, then of cur/, that names a message (not a dot-file, a name usable as a UIDL). */
    private static void scan(Path maildir, Visitor visitor) throws IOException {
        for (String folder : new String[] {"new", "cur"}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir.resolve(folder))) {
                for (Path f : files) {
                    String fileName = f.getFileName().toString();
                    if (fileName.startsWith(".")) {
                        continue;
                    }
                    MaildirName name = MaildirName.parse(fileName);
                    // what POP3 cannot list, the API does not list either
                    if (MaildirMaildropStore.isValidUidl(name.base())) {
                        visitor.visit(new Found(f, name, folder.equals("cur")));
                    }
                }
            } catch (NoSuchFileException e) {
                // no Maildir yet: nothing delivered
            }
        }
    }

    /** The file's octets: from its name's S=, else from the file system; -1 when it has gone. */
    private static long size(Found found) throws IOException {
        if (found.name().size() >= 0) {
            return found.name().size();
        }
        try {
            return Files.size(found.file());
        } catch (NoSuchFileException gone) {
            return -1;
        }
    }

    /** Null when the file has gone since it was listed. */
    private static MessageFile messageFile(Found found) throws IOException {
        long size = size(found);
        if (size < 0) {
            return null;
        }
        String info = found.name().flags();
        String flags = info != null && info.startsWith("2,") ? info.substring(2) : "";
        return new MessageFile(
                found.name().base(),
                found.inCur() ? "cur" : "new",
                flags,
                size,
                found.file().toAbsolutePath());
    }

    /** A read-only channel: positional reads, safe from any thread. */
    private record ChannelContent(FileChannel channel, long size) implements MessageContent {

        @Override
        public int read(ByteBuffer into, long position) throws IOException {
            return channel.read(into, position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
