package dev.maillab.mailserver.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open message file, read at any position (so a MIME parser can go back to a part without copying it). The file
 * stays readable until this is closed, even if it is removed meanwhile.
 */
public interface MessageContent extends Closeable {

    /** Octets of the file. */
    long size();

    /** Reads into {@code into} from {@code position}; -1 at the end, as {@link java.nio.channels.FileChannel} does. */
    int read(ByteBuffer into, long position) throws IOException;
}
