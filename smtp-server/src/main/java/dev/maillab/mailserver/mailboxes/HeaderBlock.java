package dev.maillab.mailserver.mailboxes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message's header block as read from its start: up to and with the empty line that ends it, or at most a limit of
 * octets.
 *
 * @param complete the block ended (an empty line, or the end of the file) within the limit
 */
record HeaderBlock(byte[] bytes, boolean complete) {

    static HeaderBlock read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream(Math.min(limit, 8192));
        int lineLength = 0; // octets of the current line but CR
        while (block.size() < limit) {
            int c = in.read();
            if (c < 0) {
                return new HeaderBlock(block.toByteArray(), true);
            }
            block.write(c);
            if (c == '\n') {
                if (lineLength == 0) {
                    return new HeaderBlock(block.toByteArray(), true);
                }
                lineLength = 0;
            } else if (c != '\r') {
                lineLength++;
            }
        }
        // a file of headers alone that ends right at the limit is whole
        return new HeaderBlock(block.toByteArray(), in.read() < 0);
    }
}
