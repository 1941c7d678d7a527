package dev.maillab.mailserver.pop3.command;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * The greeting. With APOP on it ends in an RFC 1939 timestamp, {@code <pid.count.clock@host>}, new for
 * every connection; without, there is none, since a timestamp tells clients (mpop, s-nail) that APOP works.
 */
public final class Greeting implements ConnectHandler<POP3Session> {

    private static final long PID = ProcessHandle.current().pid();

    private final String hostname;
    private final boolean apop;
    private final AtomicLong count = new AtomicLong();

    public Greeting(String hostname, boolean apop) {
        this.hostname = hostname;
        this.apop = apop;
    }

    @Override
    public Response onConnect(POP3Session session) {
        String text = hostname + " maillab POP3 server ready";
        if (apop) {
            String timestamp =
                    "<" + PID + "." + count.incrementAndGet() + "." + System.currentTimeMillis() + "@" + hostname + ">";
            session.setAttachment(POP3Session.APOP_TIMESTAMP, timestamp, State.Connection);
            text += " " + timestamp;
        }
        return new POP3Response(POP3Response.OK_RESPONSE, text);
    }
}
