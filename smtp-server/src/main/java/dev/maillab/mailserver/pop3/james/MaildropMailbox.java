package dev.maillab.mailserver.pop3.james;

import dev.maillab.mailserver.maildir.Maildrop;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/**
 * A session's maildrop as James' POP3 handlers see it. James calls {@link #remove} only from QUIT,
 * so that is where the UPDATE state happens: deletions and the move of shown messages to cur/.
 * A connection that drops without QUIT only {@link #close()}s: nothing changes on disk.
 */
public final class MaildropMailbox implements Mailbox {

    private final String owner;
    private final Maildrop maildrop;
    private final List<MessageMetaData> messages;
    private final Set<String> shown = new LinkedHashSet<>();
    private final Runnable onClose;
    private boolean closed;

    public MaildropMailbox(String owner, Maildrop maildrop, Runnable onClose) {
        this.owner = owner;
        this.maildrop = maildrop;
        this.messages = maildrop.messages().stream()
                .map(m -> new MessageMetaData(m.uid(), m.size()))
                .toList();
        this.onClose = onClose;
    }

    @Override
    public InputStream getMessage(String uid) throws IOException {
        InputStream in = maildrop.content(uid);
        shown.add(uid);
        return in;
    }

    /** The same snapshot every time: RSET must not renumber messages (RFC 1939). */
    @Override
    public List<MessageMetaData> getMessages() {
        return messages;
    }

    @Override
    public void remove(String... uids) throws IOException {
        List<String> deleted = Arrays.asList(uids);
        Set<String> seen = new LinkedHashSet<>(shown);
        seen.removeAll(deleted);
        maildrop.update(deleted, seen);
    }

    /** The message's Maildir name without its {@code :2,} info (the web console's id of it); the uid if unknown. */
    public String nameOf(String uid) {
        return maildrop.name(uid);
    }

    @Override
    public String getIdentifier() {
        return owner;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
