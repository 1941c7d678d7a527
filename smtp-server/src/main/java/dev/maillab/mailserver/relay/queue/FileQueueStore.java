package dev.maillab.mailserver.relay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue on disk, written the way a Maildir is: {@code <dir>/active/<id>.msg} (the content, written once) and
 * {@code <dir>/active/<id>.env} (its {@link EnvelopeFile}), each written in {@code tmp/}, fsynced and renamed in.
 *
 * <p>Adding renames the content first and the envelope last, then fsyncs {@code active/}: an entry exists once its
 * envelope does, and only then is the message acknowledged. Removing deletes the envelope first. So a crash at any
 * moment leaves whole entries and at most a content file without envelope (an add never acknowledged, or a removal
 * half done: either way delivered or never promised), which {@link #open} deletes with what is left in {@code tmp/}.
 * An envelope that cannot be read is moved to {@code corrupt/} with its content, as Postfix does, never deleted.
 * A removal the disk lost in a crash makes the message delivered once more: at least once, never zero.
 */
public final class FileQueueStore implements QueueStore {

    private static final Logger log = LoggerFactory.getLogger(FileQueueStore.class);
    private static final String CONTENT = ".msg";
    private static final String ENVELOPE = ".env";

    private final Path tmp;
    private final Path active;
    private final Path corrupt;
    private final AtomicLong tmpNames = new AtomicLong();

    private FileQueueStore(Path directory) {
        this.tmp = directory.resolve("tmp");
        this.active = directory.resolve("active");
        this.corrupt = directory.resolve("corrupt");
    }

    /**
     * The queue in {@code directory}, made if need be, after cleaning up what a crash left: call it before anything
     * adds to the queue (at start-up).
     */
    public static FileQueueStore open(Path directory) throws IOException {
        FileQueueStore store = new FileQueueStore(directory.toAbsolutePath().normalize());
        for (Path dir : List.of(store.tmp, store.active, store.corrupt)) {
            Files.createDirectories(dir);
        }
        force(directory);
        if (directory.toAbsolutePath().getParent() != null) {
            force(directory.toAbsolutePath().getParent());
        }
        store.recover();
        return store;
    }

    public Path directory() {
        return active.getParent();
    }

    private void recover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                log.info("removed {} (left by an interrupted queue write)", f);
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(active)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(CONTENT) && !Files.exists(sibling(f, CONTENT, ENVELOPE))) {
                    Files.deleteIfExists(f);
                    log.info("removed {} (an entry whose envelope was never written or already removed)", f);
                } else if (name.endsWith(ENVELOPE)) {
                    Path content = sibling(f, ENVELOPE, CONTENT);
                    try {
                        EnvelopeFile.parse(read(f));
                        if (!Files.exists(content)) {
                            throw new IllegalArgumentException("no content file");
                        }
                    } catch (IllegalArgumentException e) {
                        Files.move(f, corrupt.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        if (Files.exists(content)) {
                            Files.move(
                                    content,
                                    corrupt.resolve(content.getFileName()),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                        log.warn("moved {} to {}: {}", f, corrupt, e.getMessage());
                    }
                }
            }
        }
        force(active);
    }

    private static Path sibling(Path file, String suffix, String other) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - suffix.length()) + other);
    }

    @Override
    public void add(Envelope envelope, byte[] content) throws IOException {
        Path contentFile = active.resolve(envelope.id() + CONTENT);
        Path envelopeFile = active.resolve(envelope.id() + ENVELOPE);
        if (Files.exists(contentFile) || Files.exists(envelopeFile)) {
            throw new FileAlreadyExistsException(envelopeFile.toString(), null, "queue id in use");
        }
        Path tmpContent = writeTmp(envelope.id() + CONTENT, content);
        Path tmpEnvelope;
        try {
            tmpEnvelope = writeTmp(envelope.id() + ENVELOPE, EnvelopeFile.format(envelope));
        } catch (IOException e) {
            Files.deleteIfExists(tmpContent);
            throw e;
        }
        try {
            Files.move(tmpContent, contentFile, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpEnvelope, envelopeFile, StandardCopyOption.ATOMIC_MOVE);
            force(active);
        } catch (IOException e) {
            Files.deleteIfExists(envelopeFile);
            Files.deleteIfExists(contentFile);
            Files.deleteIfExists(tmpContent);
            Files.deleteIfExists(tmpEnvelope);
            throw e;
        }
    }

    @Override
    public void update(Envelope envelope) throws IOException {
        Path envelopeFile = active.resolve(envelope.id() + ENVELOPE);
        if (!Files.exists(envelopeFile)) {
            throw new NoSuchFileException(envelopeFile.toString());
        }
        Path written = writeTmp(envelope.id() + ENVELOPE, EnvelopeFile.format(envelope));
        try {
            Files.move(written, envelopeFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
        force(active);
    }

    @Override
    public boolean remove(String id) throws IOException {
        requireId(id);
        boolean had = Files.deleteIfExists(active.resolve(id + ENVELOPE));
        Files.deleteIfExists(active.resolve(id + CONTENT));
        force(active);
        return had;
    }

    @Override
    public List<Envelope> list() throws IOException {
        List<Envelope> envelopes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(active, "*" + ENVELOPE)) {
            for (Path f : files) {
                try {
                    envelopes.add(EnvelopeFile.parse(read(f)));
                } catch (NoSuchFileException gone) {
                    // removed since the listing began
                } catch (IllegalArgumentException e) {
                    log.warn("skipped {}: {}", f, e.getMessage());
                }
            }
        }
        return envelopes;
    }

    @Override
    public InputStream open(String id) throws IOException {
        requireId(id);
        return Files.newInputStream(active.resolve(id + CONTENT));
    }

    private Path writeTmp(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name + "." + tmpNames.incrementAndGet());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(false);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private static byte[] read(Path file) throws IOException {
        if (Files.size(file) > EnvelopeFile.MAX_BYTES) {
            throw new IllegalArgumentException("envelope of " + Files.size(file) + " octets");
        }
        return Files.readAllBytes(file);
    }

    private static void requireId(String id) {
        if (!Envelope.isQueueId(id)) {
            throw new IllegalArgumentException("not a queue id: " + id);
        }
    }

    private static void force(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
