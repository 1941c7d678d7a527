package dev.maillab.mailserver.mailboxes;

import dev.maillab.mailserver.maildir.MessageContent;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Octets to send as a download: the raw file or one decoded part, read from the open file until this is closed.
 *
 * @param contentType the response's Content-Type
 * @param filename    the download's name, null without one
 * @param length      octets of the body
 */
record MessageBody(String contentType, String filename, long length, InputStream body, MessageContent file)
        implements Closeable {

    @Override
    public void close() throws IOException {
        file.close();
    }
}
