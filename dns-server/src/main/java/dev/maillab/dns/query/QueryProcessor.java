package dev.maillab.dns.query;

import dev.maillab.dns.fault.FaultMetrics;
import dev.maillab.dns.fault.FaultRule;
import dev.maillab.dns.fault.FaultRules;
import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.zone.LoadedZone;
import dev.maillab.dns.zone.ZoneSnapshot;
import dev.maillab.dns.zone.ZoneStore;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query packet into its {@link Reply}. Transport-neutral: the UDP and TCP handlers call it with the
 * bytes they received. Never throws: a bug answers SERVFAIL rather than killing a transport thread.
 */
public final class QueryProcessor {

    private static final Logger log = LoggerFactory.getLogger(QueryProcessor.class);
    /** One line per faulted query, under its own name so a lab can quieten it alone. */
    private static final Logger faultLog = LoggerFactory.getLogger("dev.maillab.dns.fault.FaultLog");

    private static final int CLASSIC_UDP_LIMIT = 512;
    private static final int TCP_LIMIT = 65_535;

    private final ZoneStore store;
    private final Forwarder forwarder;
    private final QueryMetrics metrics;
    private final AnswerCache cache;
    private final int ednsPayload;
    private final FaultRules faults;
    private final FaultMetrics faultMetrics;

    /** Without fault rules. */
    public QueryProcessor(
            ZoneStore store, Forwarder forwarder, QueryMetrics metrics, int ednsPayload, int cacheEntries) {
        this(store, forwarder, metrics, ednsPayload, cacheEntries, FaultRules.none(), null);
    }

    /**
     * @param ednsPayload the UDP payload size we advertise and honour at most (1232 avoids IP fragmentation)
     * @param cacheEntries how many pre-built answers one snapshot may keep
     * @param faults the fault rules consulted for every query but zone transfers
     * @param faultMetrics counts what they did (only used when a rule matches)
     */
    public QueryProcessor(
            ZoneStore store,
            Forwarder forwarder,
            QueryMetrics metrics,
            int ednsPayload,
            int cacheEntries,
            FaultRules faults,
            FaultMetrics faultMetrics) {
        this.faults = faults;
        this.faultMetrics = faultMetrics;
        this.store = store;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.ednsPayload = ednsPayload;
        this.cache = new AnswerCache(cacheEntries);
    }

    public Reply process(byte[] packet, int length, Protocol protocol, InetAddress client) {
        WireQuery query = WireQuery.parse(packet, length);
        try {
            return switch (query.outcome) {
                case DROP -> {
                    if (length < WireQuery.HEADER) {
                        metrics.droppedUnreadable();
                    } else {
                        metrics.droppedResponse();
                    }
                    yield Reply.DROP;
                }
                case FORMERR -> error(packet, query, Rcode.FORMERR, protocol);
                case NOTIMP -> error(packet, query, Rcode.NOTIMP, protocol);
                case UNUSUAL -> unusual(packet, length, query, protocol, client);
                case OK -> answer(packet, length, query, protocol, client);
            };
        } catch (RuntimeException e) {
            log.error("query {} failed; answering SERVFAIL", describe(query), e);
            return error(packet, query, Rcode.SERVFAIL, protocol);
        }
    }

    private Reply answer(byte[] packet, int length, WireQuery query, Protocol protocol, InetAddress client) {
        if (query.qtype == Type.AXFR || query.qtype == Type.IXFR) {
            return transfer(packet, query, protocol, client);
        }
        if (query.qclass != DClass.IN && query.qclass != DClass.ANY) {
            return error(packet, query, Rcode.REFUSED, protocol);
        }
        if (query.qtype == Type.OPT) {
            return error(packet, query, Rcode.FORMERR, protocol);
        }
        if (!faults.isEmpty()) {
            String name = name(query).toString();
            FaultRule rule = faults.match(name, query.qtype, protocol == Protocol.UDP);
            if (rule != null) {
                return faulted(rule, name, packet, length, query, protocol, client);
            }
        }
        return answerFromZones(packet, length, query, protocol);
    }

    private Reply answerFromZones(byte[] packet, int length, WireQuery query, Protocol protocol) {
        ZoneSnapshot snapshot = store.current();
        ConcurrentHashMap<AnswerKey, CachedAnswer> answers = cache.answersFor(snapshot);
        // RFC 8482: ANY over UDP gets one synthesized HINFO instead of every RRset (no amplification); TCP gets all
        boolean minimalAny = query.qtype == Type.ANY && protocol == Protocol.UDP;
        AnswerKey key = new AnswerKey(
                query.lowerName, query.nameLength, query.qtype, query.qclass, query.edns, query.dnssecOk, minimalAny);
        CachedAnswer answer = answers.get(key);
        if (answer == null) {
            Name qname = name(query);
            Message message = ZoneAnswerer.answer(snapshot, qname, query.qtype, query.qclass);
            if (message == null) {
                return outside(packet, length, query, protocol, snapshot);
            }
            if (minimalAny) {
                message = ZoneAnswerer.minimalAny(message);
            }
            answer = cached(message, query.edns, query.dnssecOk);
            cache.put(answers, key, answer);
        }
        metrics.answered(query.qtype, answer.rcode(), protocol == Protocol.UDP);
        return new Reply.Now(answer.forQuery(packet, query.questionEnd, limit(query, protocol)));
    }

    /** What a matching fault rule makes of the query: an error rcode, no answer, or the real answer late. */
    private Reply faulted(
            FaultRule rule,
            String name,
            byte[] packet,
            int length,
            WireQuery query,
            Protocol protocol,
            InetAddress client) {
        faultMetrics.faulted(rule.action().kind());
        faultLog.info(
                "fault {} for {} {} over {} from {}",
                rule.label(),
                name,
                Type.string(query.qtype),
                protocol.tag(),
                client.getHostAddress());
        Reply reply = switch (rule.action().kind()) {
            case SERVFAIL -> error(packet, query, Rcode.SERVFAIL, protocol);
            case NXDOMAIN -> authoritative(error(packet, query, Rcode.NXDOMAIN, protocol));
            case REFUSED -> error(packet, query, Rcode.REFUSED, protocol);
            case DROP -> Reply.DROP;
            case DELAY ->
                delayed(
                        answerFromZones(packet, length, query, protocol),
                        rule.action().delay());
        };
        byte[] question = reply == Reply.DROP
                ? ErrorReplies.of(packet, query.questionEnd, Rcode.NOERROR, query.edns, ednsPayload)
                : null;
        return new Reply.Faulted(reply, rule.label(), question);
    }

    /** NXDOMAIN as the zone's authority says it: AA set. */
    private static Reply.Now authoritative(Reply.Now reply) {
        reply.wire()[2] |= 0x04;
        return reply;
    }

    /** The same reply, sent once {@code delay} has passed: scheduled on a timer, no thread waits for it. */
    private static Reply delayed(Reply reply, Duration delay) {
        if (reply instanceof Reply.Now now) {
            return new Reply.Later(later(now.wire(), delay));
        }
        if (reply instanceof Reply.Later later) {
            return new Reply.Later(later.wire().thenCompose(wire -> later(wire, delay)));
        }
        return reply;
    }

    private static CompletionStage<byte[]> later(byte[] wire, Duration delay) {
        // the timer thread only completes the future; the transport's write is non-blocking
        return CompletableFuture.supplyAsync(
                () -> wire, CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
    }

    private CachedAnswer cached(Message message, boolean edns, boolean dnssecOk) {
        Message truncated = new Message(0);
        truncated.getHeader().setFlag(Flags.QR);
        truncated.getHeader().setFlag(Flags.AA);
        truncated.getHeader().setFlag(Flags.TC);
        truncated.getHeader().setRcode(message.getRcode());
        truncated.addRecord(message.getQuestion(), Section.QUESTION);
        if (edns) {
            OPTRecord opt = new OPTRecord(ednsPayload, 0, 0, dnssecOk ? ExtendedFlags.DO : 0);
            message.addRecord(opt, Section.ADDITIONAL);
            truncated.addRecord(opt, Section.ADDITIONAL);
        }
        return new CachedAnswer(message.toWire(), truncated.toWire(), message.getRcode());
    }

    /** A name in none of our zones: REFUSED, or relayed from the forwarders when named.conf has some. */
    private Reply outside(byte[] packet, int length, WireQuery query, Protocol protocol, ZoneSnapshot snapshot) {
        if (snapshot.conf().forwarders().isEmpty()) {
            return error(packet, query, Rcode.REFUSED, protocol);
        }
        Message message;
        try {
            message = new Message(Arrays.copyOf(packet, length));
        } catch (IOException e) {
            return error(packet, query, Rcode.FORMERR, protocol);
        }
        int limit = limit(query, protocol);
        return new Reply.Later(forwarder
                .forward(snapshot.conf().forwarders(), message)
                .handle((response, failure) -> {
                    if (failure != null) {
                        log.debug("forwarding {} failed: {}", describe(query), failure.toString());
                        return error(packet, query, Rcode.SERVFAIL, protocol).wire();
                    }
                    response.getHeader().setID(query.id);
                    metrics.answered(query.qtype, response.getRcode(), protocol == Protocol.UDP);
                    byte[] wire = response.toWire();
                    return wire.length <= limit ? wire : response.toWire(limit); // dnsjava sets TC when it cuts
                }));
    }

    private Reply transfer(byte[] packet, WireQuery query, Protocol protocol, InetAddress client) {
        ZoneSnapshot snapshot = store.current();
        Name qname = name(query);
        LoadedZone zone = snapshot.zone(qname);
        if (protocol != Protocol.TCP || zone == null || !zone.allowTransfer().allows(client)) {
            // over UDP the sender may be forged and costs nothing: DEBUG, so a flood cannot fill the log
            if (protocol == Protocol.TCP) {
                log.info("zone transfer of {} for {} over tcp refused", qname, client.getHostAddress());
            } else {
                log.debug("zone transfer of {} for {} over {} refused", qname, client.getHostAddress(), protocol.tag());
            }
            return error(packet, query, Rcode.REFUSED, protocol);
        }
        log.info("zone transfer of {} (serial {}) to {}", qname, zone.serial(), client.getHostAddress());
        metrics.answered(query.qtype, Rcode.NOERROR, false);
        return new Reply.Stream(ZoneTransfer.messages(zone, query.id, qname, query.qtype));
    }

    /**
     * The rare shapes the byte reader leaves alone: dnsjava parses them, then the query is rewritten in its plain
     * form and answered like any other.
     */
    private Reply unusual(byte[] packet, int length, WireQuery query, Protocol protocol, InetAddress client) {
        Message message;
        try {
            message = new Message(Arrays.copyOf(packet, length));
        } catch (IOException e) {
            return error(packet, query, Rcode.FORMERR, protocol);
        }
        Record question = message.getQuestion();
        if (question == null || !oneOptAtMost(message)) {
            return error(packet, query, Rcode.FORMERR, protocol);
        }
        OPTRecord opt = message.getOPT();
        Message plain = new Message(message.getHeader().getID());
        if (message.getHeader().getFlag(Flags.RD)) {
            plain.getHeader().setFlag(Flags.RD);
        }
        plain.addRecord(question, Section.QUESTION);
        if (opt != null) {
            if (opt.getVersion() != 0) {
                return badVersion(plain, protocol, question.getType());
            }
            plain.addRecord(
                    new OPTRecord(opt.getPayloadSize(), 0, 0, opt.getFlags() & ExtendedFlags.DO), Section.ADDITIONAL);
        }
        byte[] normal = plain.toWire();
        WireQuery again = WireQuery.parse(normal, normal.length);
        if (again.outcome != WireQuery.Outcome.OK) {
            return error(packet, query, Rcode.FORMERR, protocol);
        }
        return answer(normal, normal.length, again, protocol, client);
    }

    /** RFC 6891 6.1.1: at most one OPT, owned by the root, in the additional section; anything else is FORMERR. */
    private static boolean oneOptAtMost(Message message) {
        int opts = 0;
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record record : message.getSection(section)) {
                if (record.getType() == Type.OPT
                        && (section != Section.ADDITIONAL || !record.getName().equals(Name.root) || ++opts > 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** RFC 6891: an EDNS version we do not speak gets BADVERS (16) with our version, 0. */
    private Reply badVersion(Message plain, Protocol protocol, int qtype) {
        plain.getHeader().setFlag(Flags.QR);
        plain.addRecord(new OPTRecord(ednsPayload, Rcode.BADVERS >> 4, 0, 0), Section.ADDITIONAL);
        metrics.answered(qtype, Rcode.BADVERS, protocol == Protocol.UDP);
        return new Reply.Now(plain.toWire());
    }

    private Reply.Now error(byte[] packet, WireQuery query, int rcode, Protocol protocol) {
        metrics.answered(query.questionEnd > 0 ? query.qtype : -1, rcode, protocol == Protocol.UDP);
        return new Reply.Now(ErrorReplies.of(packet, query.questionEnd, rcode, query.edns, ednsPayload));
    }

    /** What fits in one UDP answer: 512 without EDNS, else the client's size within [512, our payload]. */
    private int limit(WireQuery query, Protocol protocol) {
        if (protocol == Protocol.TCP) {
            return TCP_LIMIT;
        }
        if (!query.edns) {
            return CLASSIC_UDP_LIMIT;
        }
        return Math.max(CLASSIC_UDP_LIMIT, Math.min(query.ednsPayload, ednsPayload));
    }

    private static Name name(WireQuery query) {
        try {
            return new Name(Arrays.copyOf(query.lowerName, query.nameLength));
        } catch (IOException e) {
            throw new IllegalStateException("question name was checked but does not parse", e);
        }
    }

    private static String describe(WireQuery query) {
        return "id " + query.id + " type " + Type.string(query.qtype);
    }
}
