package dev.maillab.mailserver.relay.queue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queue in memory, for tests of what uses it, with a disk's fault on demand: writes that fail (as a queue
 * directory that cannot be written).
 */
public final class InMemoryQueueStore implements QueueStore {

    private record Entry(Envelope envelope, byte[] content) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile String writeFault;

    @Override
    public void add(Envelope envelope, byte[] content) throws IOException {
        fault();
        if (entries.putIfAbsent(envelope.id(), new Entry(envelope, content.clone())) != null) {
            throw new FileAlreadyExistsException(envelope.id());
        }
    }

    @Override
    public void update(Envelope envelope) throws IOException {
        fault();
        Entry old = entries.get(envelope.id());
        if (old == null) {
            throw new NoSuchFileException(envelope.id());
        }
        entries.put(envelope.id(), new Entry(envelope, old.content()));
    }

    @Override
    public boolean remove(String id) {
        return entries.remove(id) != null;
    }

    @Override
    public List<Envelope> list() {
        return new ArrayList<>(entries.values().stream().map(Entry::envelope).toList());
    }

    @Override
    public InputStream open(String id) throws IOException {
        Entry e = entries.get(id);
        if (e == null) {
            throw new NoSuchFileException(id);
        }
        return new ByteArrayInputStream(e.content());
    }

    /** From now on every write fails with an I/O error saying {@code reason}; null: writes work again. */
    public void failWrites(String reason) {
        writeFault = reason;
    }

    private void fault() throws IOException {
        String fault = writeFault;
        if (fault != null) {
            throw new IOException(fault);
        }
    }
}
