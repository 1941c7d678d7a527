package dev.maillab.mailserver.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes renames into one directory durable with as few directory fsyncs as possible (group commit):
 * a delivery takes a ticket after its rename and waits until a directory fsync that started after
 * that ticket has finished. One fsync covers every rename done before it began, so concurrent
 * deliveries to the same Maildir share it instead of queueing one fsync each.
 */
final class DirectorySync {

    /**
     * Held while creating a file in tmp/ or renaming one into new/. The kernel takes the directory's lock
     * for both and allocating an inode can be slow (ext4 skips recently deleted ones), so concurrent
     * deliveries would spin on that lock burning CPU; waiting here parks them instead. fsyncs stay outside.
     */
    final Object namespace = new Object();

    private final Path directory;
    private long renamed; // tickets handed out (renames completed)
    private long synced; // every ticket <= synced is durable
    private boolean syncing;
    private long fsyncCount;

    DirectorySync(Path directory) {
        this.directory = directory;
    }

    /** Call after the rename into the directory; returns once that rename is on disk. */
    void renamedAndWait() throws IOException {
        long ticket;
        synchronized (this) {
            ticket = ++renamed;
        }
        awaitDurable(ticket);
    }

    private void awaitDurable(long ticket) throws IOException {
        while (true) {
            long target;
            synchronized (this) {
                while (synced < ticket && syncing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the Maildir fsync", e);
                    }
                }
                if (synced >= ticket) {
                    return;
                }
                syncing = true;
                target = renamed;
            }
            boolean ok = false;
            try {
                force(directory);
                ok = true;
            } finally {
                synchronized (this) {
                    syncing = false;
                    if (ok) {
                        synced = Math.max(synced, target);
                        fsyncCount++;
                    }
                    notifyAll();
                }
            }
        }
    }

    /** Directory fsyncs done so far (for tests and metrics). */
    synchronized long fsyncCount() {
        return fsyncCount;
    }

    static void force(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
