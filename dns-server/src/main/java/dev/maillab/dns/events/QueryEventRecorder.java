package dev.maillab.dns.events;

import dev.maillab.dns.query.Protocol;
import dev.maillab.dns.transport.AnswerListener;
import dev.maillab.events.EventJournal;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Records a {@code dns.query} event per answer sent, read back from the answer's own bytes (the question as echoed,
 * the rcode, the answer section), so every path that answers (cached, built, error, forwarded, zone transfer) is
 * recorded the same way. Only wired in when the journal is enabled. Never throws into the transport: a failure is
 * counted, and logged the first time.
 */
public final class QueryEventRecorder implements AnswerListener {

    private static final Logger log = LoggerFactory.getLogger(QueryEventRecorder.class);

    private final EventJournal journal;
    private final int maxAnswers;
    private final AtomicLong failures = new AtomicLong();

    /** @param maxAnswers answer lines one event keeps; the rest are counted */
    public QueryEventRecorder(EventJournal journal, int maxAnswers) {
        this.journal = journal;
        this.maxAnswers = maxAnswers;
    }

    @Override
    public void answered(Protocol protocol, InetSocketAddress client, byte[] reply, long nanos) {
        try {
            record(protocol, client, List.of(new Message(reply)), nanos);
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void transferred(Protocol protocol, InetSocketAddress client, List<byte[]> replies, long nanos) {
        try {
            List<Message> messages = new ArrayList<>(replies.size());
            for (byte[] reply : replies) {
                messages.add(new Message(reply));
            }
            record(protocol, client, messages, nanos);
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** Answers that could not be recorded since start. */
    public long failures() {
        return failures.get();
    }

    private void record(Protocol protocol, InetSocketAddress client, List<Message> messages, long nanos) {
        Message first = messages.get(0);
        Record question = first.getQuestion();
        List<String> lines = new ArrayList<>();
        int count = 0;
        for (Message message : messages) {
            for (Record r : message.getSection(Section.ANSWER)) {
                if (++count <= maxAnswers) {
                    lines.add(line(r));
                }
            }
        }
        if (count > maxAnswers) {
            lines.add("; " + (count - maxAnswers) + " more");
        }
        journal.record(
                QueryEvent.KIND,
                new QueryEvent(
                        address(client),
                        protocol.tag(),
                        question == null ? null : question.getName().toString(),
                        question == null ? null : Type.string(question.getType()),
                        Rcode.string(first.getRcode()),
                        first.getHeader().getFlag(Flags.TC),
                        lines,
                        count,
                        nanos / 1000));
    }

    /** {@code name ttl IN TYPE data}, as a zone file writes it. */
    private static String line(Record r) {
        return r.getName() + " " + r.getTTL() + " " + DClass.string(r.getDClass()) + " " + Type.string(r.getType())
                + " " + r.rdataToString();
    }

    private static String address(InetSocketAddress client) {
        String ip = client.getAddress().getHostAddress();
        return (client.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + client.getPort();
    }

    private void failed(Exception e) {
        if (failures.getAndIncrement() == 0) {
            log.warn("could not record a dns.query event; the answer went out, further failures are only counted", e);
        } else {
            log.debug("could not record a dns.query event: {}", e.toString());
        }
    }
}
