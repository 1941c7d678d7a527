package dev.maillab.app.send;

import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The traces of the messages being sent now, by message: {@link MailService} opens one before it hands a message
 * over and reads it when the transport returns or throws; {@link RoutingMailSender}, behind the integration flow,
 * finds it by the same message object. Holds one entry per send in progress.
 */
public final class SendTraces {

    private final Map<MimeMessage, SendTrace> open = Collections.synchronizedMap(new IdentityHashMap<>());

    SendTrace open(MimeMessage message) {
        SendTrace trace = new SendTrace();
        open.put(message, trace);
        return trace;
    }

    /** The message's trace; one that nobody reads when the message was not opened here (the sender used alone). */
    SendTrace of(MimeMessage message) {
        SendTrace trace = open.get(message);
        return trace == null ? new SendTrace() : trace;
    }

    void close(MimeMessage message) {
        open.remove(message);
    }
}
