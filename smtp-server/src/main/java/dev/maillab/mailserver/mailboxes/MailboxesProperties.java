package dev.maillab.mailserver.mailboxes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bounds of the mailbox API ({@code /api/mailboxes}).
 *
 * @param maxMessages    messages one listing answers, newest first; the older ones are the next page (a
 *                       {@code Link: <...?before=<id>>; rel="next"} header says where)
 * @param maxHeaderBytes octets of a message's header block a summary reads (the rest of a longer block is not read);
 *                       a message whose header block is longer gets 422 for its detail and parts. The default is
 *                       Postfix's header_size_limit
 * @param maxParseBytes  a larger message gets 422 for its detail and its parts (its raw source is still served):
 *                       bodies are read in place, never held, but Jakarta Mail holds every header block it parses
 * @param maxParts       MIME parts a detail lists; a message with more gets 422. At most 9999: a part path's numbers
 *                       have four digits
 */
@ConfigurationProperties("maillab.mailboxes")
public record MailboxesProperties(
        @DefaultValue("10000") int maxMessages,
        @DefaultValue("100KB") DataSize maxHeaderBytes,
        @DefaultValue("32MB") DataSize maxParseBytes,
        @DefaultValue("1000") int maxParts) {

    public MailboxesProperties {
        if (maxMessages < 1
                || maxHeaderBytes.toBytes() < 1
                || maxHeaderBytes.toBytes() > Integer.MAX_VALUE
                || maxParseBytes.toBytes() < 1
                || maxParts < 1
                || maxParts > 9999) {
            throw new IllegalArgumentException("maillab.mailboxes.max-messages, .max-header-bytes (below 2 GB),"
                    + " .max-parse-bytes must be positive, .max-parts between 1 and 9999");
        }
    }
}
