package dev.maillab.dns.events;

import dev.maillab.dns.query.Protocol;
import dev.maillab.dns.transport.AnswerListener;
import dev.maillab.events.EventJournal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a {@code dns.query} event per answer sent: {@code client} ({@code ip:port}, {@code [ip]:port} for IPv6),
 * {@code transport} ({@code udp}|{@code tcp}), the {@link AnswerFields} read back from the answer's own bytes (so
 * every path that answers, cached, built, error, forwarded or zone transfer, is recorded the same way), and
 * {@code micros} from the query's arrival to its answer. Only wired in when the journal is enabled. Never throws into
 * the transport: a failure is counted, and logged the first time.
 */
public final class QueryEventRecorder implements AnswerListener {

    public static final String KIND = "dns.query";

    private static final Logger log = LoggerFactory.getLogger(QueryEventRecorder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] UDP = "\",\"transport\":\"udp\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TCP = "\",\"transport\":\"tcp\",".getBytes(StandardCharsets.US_ASCII);

    private final EventJournal journal;
    private final int maxAnswers;
    private final AnswerFieldsCache cache;
    private final AtomicLong failures = new AtomicLong();
    private final Function<byte[], byte[]> readOne = reply -> serialized(read(List.of(reply)));

    /**
     * @param maxAnswers   answer lines one event keeps; the rest are counted
     * @param cacheEntries answers whose fields are kept serialized
     */
    public QueryEventRecorder(EventJournal journal, int maxAnswers, int cacheEntries) {
        this.journal = journal;
        this.maxAnswers = maxAnswers;
        this.cache = new AnswerFieldsCache(cacheEntries);
    }

    @Override
    public void answered(Protocol protocol, InetSocketAddress client, byte[] reply, long nanos) {
        try {
            // the answer is read only when the journal takes the event (not above its max-rate)
            journal.recordJson(KIND, () -> json(protocol, client, cache.get(reply, readOne), nanos));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void transferred(Protocol protocol, InetSocketAddress client, List<byte[]> replies, long nanos) {
        try {
            journal.recordJson(KIND, () -> json(protocol, client, serialized(read(replies)), nanos));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void faulted(
            Protocol protocol, InetSocketAddress client, byte[] message, boolean sent, String fault, long nanos) {
        try {
            journal.recordJson(KIND, () -> {
                AnswerFields fields = read(List.of(message));
                if (!sent) {
                    fields = new AnswerFields(fields.name(), fields.type(), null, false, List.of(), 0);
                }
                return json(protocol, client, serialized(fields), nanos, fault);
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Answers that could not be recorded since start. */
    public long failures() {
        return failures.get();
    }

    /** {@code {"client":"…","transport":"…",<fields>,"micros":N}}, written directly: no serializer per event. */
    private static byte[] json(Protocol protocol, InetSocketAddress client, byte[] fields, long nanos) {
        return json(protocol, client, fields, nanos, null);
    }

    /** With {@code "fault":"<rule> <action>"} before {@code micros} when a fault rule changed the answer. */
    private static byte[] json(Protocol protocol, InetSocketAddress client, byte[] fields, long nanos, String fault) {
        byte[] address = address(client).getBytes(StandardCharsets.US_ASCII);
        String faultMember = fault == null ? "" : ",\"fault\":" + JSON.writeValueAsString(fault);
        byte[] micros = (faultMember + ",\"micros\":" + nanos / 1000 + "}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream json =
                new ByteArrayOutputStream(11 + address.length + UDP.length + fields.length + micros.length);
        json.write('{');
        json.writeBytes("\"client\":\"".getBytes(StandardCharsets.US_ASCII));
        json.writeBytes(address);
        json.writeBytes(protocol == Protocol.UDP ? UDP : TCP);
        json.writeBytes(fields);
        json.writeBytes(micros);
        return json.toByteArray();
    }

    /** The fields as JSON members without the braces, ready to join. */
    private static byte[] serialized(AnswerFields fields) {
        byte[] object = JSON.writeValueAsBytes(fields);
        byte[] members = new byte[object.length - 2];
        System.arraycopy(object, 1, members, 0, members.length);
        return members;
    }

    private AnswerFields read(List<byte[]> replies) {
        List<Message> messages = new ArrayList<>(replies.size());
        for (byte[] reply : replies) {
            try {
                messages.add(new Message(reply));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
        return new AnswerFields(
                question == null ? null : question.getName().toString(),
                question == null ? null : Type.string(question.getType()),
                Rcode.string(first.getRcode()),
                first.getHeader().getFlag(Flags.TC),
                lines,
                count);
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

    private void failed(RuntimeException e) {
        if (failures.getAndIncrement() == 0) {
            log.warn("could not record a dns.query event; the answer went out, further failures are only counted", e);
        } else {
            log.debug("could not record a dns.query event: {}", e.toString());
        }
    }
}
