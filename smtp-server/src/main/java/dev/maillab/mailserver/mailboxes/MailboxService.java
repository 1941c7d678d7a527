package dev.maillab.mailserver.mailboxes;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.maildir.MailboxStore;
import dev.maillab.mailserver.maildir.MaildirCounts;
import dev.maillab.mailserver.maildir.MessageContent;
import dev.maillab.mailserver.maildir.MessageFile;
import dev.maillab.mailserver.maildir.MessageListing;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the mailbox API answers, read through the {@link MailboxStore}: users with their counts, a user's messages
 * newest first, one message's detail, its raw source and its parts, and removal. Names are checked here, before
 * anything is looked up; a message is only ever named by its id.
 */
public class MailboxService {

    private static final Logger log = LoggerFactory.getLogger(MailboxService.class);

    /** A user's listing: the messages of one page, their summaries read one at a time as they are written. */
    record Page(MailUser user, MessageListing listing) {}

    private final UserDirectory users;
    private final MailboxStore store;
    private final MailboxesProperties limits;
    private final String domain;

    /** @param domain the domain of the users' addresses (the first local domain) */
    public MailboxService(UserDirectory users, MailboxStore store, MailboxesProperties limits, String domain) {
        this.users = users;
        this.store = store;
        this.limits = limits;
        this.domain = domain;
    }

    /** Every user of the passwd-file with the counts of its Maildir, in file order. */
    List<Mailbox> mailboxes() throws IOException {
        List<Mailbox> all = new ArrayList<>();
        for (MailUser user : users.users()) {
            MaildirCounts counts = store.counts(user);
            all.add(new Mailbox(
                    user.name(), user.name() + "@" + domain, counts.newCount(), counts.curCount(), counts.bytes()));
        }
        return all;
    }

    /** The user's newest messages, at most maillab.mailboxes.max-messages, older than {@code before} if given. */
    Page messages(String user, String before) throws IOException {
        MailUser u = user(user, before);
        return new Page(u, store.newestFirst(u, before, limits.maxMessages()));
    }

    /**
     * The summary of a listed message from its header block (at most maillab.mailboxes.max-header-bytes of it); null
     * when it has gone since it was listed, only its file's fields when it cannot be read.
     */
    MessageSummary summary(MailUser user, MessageFile file) {
        try (MessageContent content = store.open(user, file)) {
            return MessageHeaders.of(headerBlock(content)).summary(file);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            log.warn("{}: cannot read its header block: {}", file.path(), e.toString());
            return MessageHeaders.none().summary(file);
        }
    }

    /** The summary, every header field and the MIME tree. */
    MessageDetail detail(String user, String id) throws IOException {
        MailUser u = user(user, id);
        MessageFile file = message(u, id);
        try (MessageContent content = open(u, file)) {
            MessageHeaders headers = parseable(content);
            MimePart root = tree(content).describe();
            return MessageDetail.of(headers.summary(file), headers.all(), root);
        }
    }

    /** The file as it is on disk. The caller closes it. */
    MessageBody raw(String user, String id) throws IOException {
        MailUser u = user(user, id);
        MessageFile file = message(u, id);
        MessageContent content = open(u, file);
        return new MessageBody(
                "message/rfc822", file.id() + ".eml", content.size(), new SharedContentStream(content), content);
    }

    /**
     * One leaf part's body, decoded (base64, quoted-printable), with its Content-Type and length; 422 when it does not
     * decode. The caller closes it.
     */
    MessageBody part(String user, String id, String path) throws IOException {
        MailboxNames.part(path);
        MailUser u = user(user, id);
        MessageFile file = message(u, id);
        MessageContent content = open(u, file);
        try {
            parseable(content);
            Part part = tree(content).find(path);
            if (part == null) {
                throw MailboxProblem.notFound("message " + file.id() + " has no part " + path);
            }
            long length;
            try {
                // a pass first, so that a body that does not decode is a problem before any octet of it is sent
                length = MimeTree.decodedLength(part);
            } catch (IOException e) {
                throw MailboxProblem.unprocessable("part " + path + " of " + file.id() + " does not decode: "
                        + MailboxNames.shown(e.getMessage()));
            }
            InputStream body = part.getInputStream();
            return new MessageBody(MimeTree.responseContentType(part), MimeTree.filename(part), length, body, content);
        } catch (MessagingException e) {
            content.close();
            throw MailboxProblem.unprocessable("part " + path + " of " + file.id() + " cannot be read as MIME: "
                    + MailboxNames.shown(e.getMessage()));
        } catch (RuntimeException | IOException e) {
            content.close();
            throw e;
        }
    }

    /**
     * Removes the message: the one way the API deletes mail (an event of the removal belongs here).
     *
     * @return the file removed
     */
    MessageFile delete(String user, String id) throws IOException {
        MailUser u = user(user, id);
        MessageFile removed = store.delete(u, id).orElseThrow(() -> noSuchMessage(u, id));
        log.info("{}: deleted through the mailbox API", removed.path());
        return removed;
    }

    /** The user, once its name and the id (if any) are names at all: a bad name is a 400 before any 404. */
    private MailUser user(String name, String id) {
        MailboxNames.user(name);
        if (id != null) {
            MailboxNames.id(id);
        }
        return users.find(name).orElseThrow(() -> MailboxProblem.notFound("no such user: " + name));
    }

    private MessageFile message(MailUser user, String id) throws IOException {
        return store.find(user, id).orElseThrow(() -> noSuchMessage(user, id));
    }

    private MessageContent open(MailUser user, MessageFile file) throws IOException {
        try {
            return store.open(user, file);
        } catch (NoSuchFileException gone) {
            throw noSuchMessage(user, file.id());
        }
    }

    private static MailboxProblem noSuchMessage(MailUser user, String id) {
        return MailboxProblem.notFound("no such message in " + user.name() + "'s Maildir: " + id);
    }

    private HeaderBlock headerBlock(MessageContent content) throws IOException {
        return HeaderBlock.read(
                new SharedContentStream(content), (int) limits.maxHeaderBytes().toBytes());
    }

    /** The message's header fields, once its size and its header block are within the limits. */
    private MessageHeaders parseable(MessageContent content) throws IOException {
        long max = limits.maxParseBytes().toBytes();
        if (content.size() > max) {
            throw MailboxProblem.unprocessable("the message is " + content.size() + " octets; a detail parses at most "
                    + max + " (maillab.mailboxes.max-parse-bytes); its raw source is served whole");
        }
        HeaderBlock block = headerBlock(content);
        if (!block.complete()) {
            throw MailboxProblem.unprocessable("the message's header block is longer than "
                    + limits.maxHeaderBytes().toBytes()
                    + " octets (maillab.mailboxes.max-header-bytes); its raw source is served whole");
        }
        return MessageHeaders.of(block);
    }

    private MimeTree tree(MessageContent content) {
        try {
            return MimeTree.parse(content, limits.maxParts());
        } catch (MessagingException e) {
            throw MailboxProblem.unprocessable("not readable as MIME: " + MailboxNames.shown(e.getMessage()));
        }
    }
}
