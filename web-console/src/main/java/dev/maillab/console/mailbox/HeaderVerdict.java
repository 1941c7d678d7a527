package dev.maillab.console.mailbox;

import dev.maillab.client.check.MessageChecker;
import dev.maillab.client.check.MessageVerdict;
import dev.maillab.client.pop3.RetrievedMessage;
import org.springframework.stereotype.Component;

/**
 * The verdict pop3-client prints for a retrieved message, on the file's bytes: pop3-client's own
 * {@link MessageChecker} (RFC 5322's From and Date, the lab's To, Subject and Message-ID, line length, raw 8-bit
 * header text), so the console and {@code ./maillab check} never disagree.
 */
@Component
public class HeaderVerdict {

    private final MessageChecker checker = new MessageChecker(false);

    public MessageVerdict of(byte[] message) {
        return checker.check(new RetrievedMessage(1, message.length, message));
    }
}
