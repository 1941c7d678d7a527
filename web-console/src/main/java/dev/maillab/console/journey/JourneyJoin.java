package dev.maillab.console.journey;

import dev.maillab.console.events.Event;
import dev.maillab.console.mailbox.MaildirNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Joins the services' events into one message's journey, as the console contract says: the Message-ID joins
 * app.send, smtp.delivery and relay.queued; the queue id joins app.send, smtp.delivery, smtp.session and the relay's
 * events (relay.queued, relay.attempt, relay.bounce, whose bounce brings its own queue id and Message-ID); the DNS
 * queries are those by name (MX of a recipient's domain, A of the MX host, PTR of the SMTP client) in the seconds
 * around the send, and the relay's MX and A queries during each attempt; POP3 sessions and Maildir moves by the
 * Maildir base name. The smtp-servers of every lab domain count as one: a relayed message's copy at the other domain
 * joins by its Message-ID, and brings its queue id there. Pure: the events come in, the journey goes out.
 */
public final class JourneyJoin {

    /**
     * A send's lookups are answered between its start and its event (recorded when it ends); this much earlier still
     * counts, for a start measured after the first lookup. The services share the host's clock (one machine, or
     * containers on one kernel), so nothing after the send's event is its.
     */
    static final Duration DNS_BEFORE = Duration.ofSeconds(1);

    /** Without a send (another client spoke SMTP), the lookups it may have made through this DNS before it. */
    static final Duration OTHER_SENDER_BEFORE = Duration.ofSeconds(5);

    /** The kinds in the order a message meets them. */
    static final List<String> FLOW = List.of(
            "app.send",
            "dns.query",
            "smtp.session",
            "smtp.rejection",
            "smtp.delivery",
            "relay.queued",
            "relay.attempt",
            "relay.bounce",
            "pop3.session",
            "maildir.moved",
            "maildir.deleted");

    /**
     * Where to start.
     *
     * @param messageId a Message-ID with its angle brackets, or null
     * @param queueId   smtp-server's queue id, or null
     * @param baseName  a Maildir base name, or null
     */
    public record Seeds(String messageId, String queueId, String baseName) {}

    private final Set<String> messageIds = new LinkedHashSet<>();
    private final Set<String> queueIds = new LinkedHashSet<>();
    private final Set<String> baseNames = new LinkedHashSet<>();
    private final Set<String> sessions = new LinkedHashSet<>();
    private final List<Event> sends = new ArrayList<>();
    private final List<Event> deliveries = new ArrayList<>();
    private final List<Event> smtpSessions = new ArrayList<>();
    private final List<Event> relayed = new ArrayList<>();

    private JourneyJoin(Seeds seeds) {
        addIfPresent(messageIds, seeds.messageId());
        addIfPresent(queueIds, seeds.queueId());
        addIfPresent(baseNames, MaildirNames.baseName(seeds.baseName()));
    }

    /**
     * @param app  app-server's events
     * @param dns  dns-server's events
     * @param smtp the smtp-servers' events (SMTP, relay, POP3 and Maildir kinds), of every lab domain
     * @param unreachable the services that could not be read, in the pages' words
     * @param notes what the caller already knows the journey lacks
     */
    public static Journey join(
            Seeds seeds,
            List<Event> app,
            List<Event> dns,
            List<Event> smtp,
            List<String> unreachable,
            List<String> notes) {
        return new JourneyJoin(seeds).run(app, dns, smtp, unreachable, notes);
    }

    private Journey run(
            List<Event> app, List<Event> dns, List<Event> smtp, List<String> unreachable, List<String> knownNotes) {
        // each pass may add a Message-ID, queue id or file that joins more (a relayed copy at the other domain, a
        // bounce and its copy): a few passes reach the fixpoint
        for (int pass = 0; pass < 8; pass++) {
            int before = messageIds.size() + queueIds.size() + baseNames.size();
            for (Event e : app) {
                if (e.kind().equals("app.send")
                        && !sends.contains(e)
                        && (has(messageIds, e, "messageId") || has(queueIds, e, "queueId"))) {
                    sends.add(e);
                    addIfPresent(messageIds, e.text("messageId"));
                    addIfPresent(queueIds, e.text("queueId"));
                }
            }
            for (Event e : smtp) {
                if (e.kind().equals("smtp.delivery")
                        && !deliveries.contains(e)
                        && (has(messageIds, e, "messageId")
                                || has(queueIds, e, "queueId")
                                || baseNames.contains(MaildirNames.baseName(e.text("file"))))) {
                    deliveries.add(e);
                    addIfPresent(messageIds, e.text("messageId"));
                    addIfPresent(queueIds, e.text("queueId"));
                    addIfPresent(baseNames, MaildirNames.baseName(e.text("file")));
                    addIfPresent(sessions, e.text("session"));
                }
            }
            for (Event e : smtp) {
                if (e.kind().equals("smtp.session")
                        && !smtpSessions.contains(e)
                        && e.texts("queueIds").stream().anyMatch(queueIds::contains)) {
                    smtpSessions.add(e);
                    addIfPresent(sessions, e.text("session"));
                    e.texts("queueIds").forEach(q -> addIfPresent(queueIds, q));
                }
            }
            for (Event e : smtp) {
                if (e.kind().startsWith("relay.")
                        && !relayed.contains(e)
                        && (has(queueIds, e, "queueId")
                                || e.kind().equals("relay.queued") && has(messageIds, e, "messageId"))) {
                    relayed.add(e);
                    addIfPresent(queueIds, e.text("queueId"));
                    addIfPresent(messageIds, e.text("messageId"));
                    // the bounce is this message's last hop: its own way back to the sender follows
                    addIfPresent(queueIds, e.text("bounceQueueId"));
                    addIfPresent(messageIds, e.text("bounceMessageId"));
                }
            }
            if (messageIds.size() + queueIds.size() + baseNames.size() == before) {
                break;
            }
        }

        List<JourneyStep> steps = new ArrayList<>();
        sends.forEach(e -> steps.add(Steps.send(e)));
        dnsQueries(dns).forEach(e -> steps.add(Steps.dnsQuery(e)));
        smtpSessions.forEach(e -> steps.add(Steps.smtpSession(e)));
        relayed.forEach(e -> steps.add(Steps.relay(e)));
        for (Event e : smtp) {
            switch (e.kind()) {
                case "smtp.rejection" -> {
                    if (sessions.contains(e.text("session"))) {
                        steps.add(Steps.rejection(e));
                    }
                }
                case "pop3.session" -> {
                    if (e.array("commands").stream()
                            .anyMatch(c -> baseNames.contains(MaildirNames.baseName(Event.text(c, "message"))))) {
                        steps.add(Steps.pop3Session(e, baseNames));
                    }
                }
                case "maildir.moved", "maildir.deleted" -> {
                    if (baseNames.contains(MaildirNames.baseName(e.text("message")))) {
                        steps.add(Steps.maildir(e));
                    }
                }
                default -> {
                    // deliveries and SMTP sessions are joined above
                }
            }
        }
        deliveries.forEach(e -> steps.add(Steps.delivery(e)));
        // in time order; steps of one millisecond in the order of the flow (a POP3 session starts before the move it
        // causes)
        steps.sort(Comparator.comparing(JourneyStep::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(s -> FLOW.indexOf(s.kind())));

        List<Journey.Copy> copies = new ArrayList<>();
        for (Event d : deliveries) {
            copies.add(new Journey.Copy(
                    d.text("user"),
                    MaildirNames.baseName(d.text("file")),
                    d.text("file"),
                    d.service() == null || d.service().url() == null
                            ? null
                            : d.service().title()));
        }
        return new Journey(
                List.copyOf(messageIds),
                List.copyOf(queueIds),
                copies,
                steps,
                List.copyOf(unreachable),
                notes(knownNotes, steps, unreachable));
    }

    /** The queries that routed the message: MX of the recipients' domains, A of the MX hosts, PTR of the client. */
    private List<Event> dnsQueries(List<Event> dns) {
        List<Window> windows = new ArrayList<>();
        for (Event send : sends) {
            Instant end = send.time();
            if (end == null) {
                continue;
            }
            Instant start = end.minusMillis(Math.max(0, send.number("millis", 0)));
            Window w = new Window(start.minus(DNS_BEFORE), end);
            for (String to : send.texts("to")) {
                addIfPresent(w.mx, domainOf(to));
            }
            for (JsonNode lookup : send.array("lookups")) {
                if ("MX".equalsIgnoreCase(Event.text(lookup, "type"))) {
                    for (String answer : Event.texts(lookup.get("answers"))) {
                        addIfPresent(w.a, lastWord(answer));
                    }
                }
            }
            JsonNode relay = send.data().get("relay");
            addIfPresent(w.a, name(Event.text(relay, "host")));
            windows.add(w);
        }
        for (Event session : smtpSessions) {
            Instant start = session.instant("start");
            Instant end = session.instant("end");
            if (start == null) {
                continue;
            }
            // smtp-server's reverse lookup of the client, while the session runs
            Window w = new Window(start.minus(DNS_BEFORE), end == null ? start : end);
            addIfPresent(w.ptr, reverseName(Event.text(session.data(), "client")));
            windows.add(w);
            if (sends.isEmpty()) {
                // another sender (swaks, a script, the other domain's relay): the MX lookups it made through this
                // DNS for what this session delivered, if it made any
                Window before = new Window(start.minus(OTHER_SENDER_BEFORE), start);
                for (Event d : deliveries) {
                    if (Objects.equals(d.text("session"), session.text("session"))) {
                        addIfPresent(before.mx, domainOf(d.text("recipient")));
                    }
                }
                windows.add(before);
            }
        }
        for (Event attempt : relayed) {
            Instant start = attempt.instant("start");
            if (attempt.kind().equals("relay.attempt") && start != null && attempt.time() != null) {
                // the relay's own lookups: MX of the domain, A of its hosts, between the attempt's start and outcome
                Window w = new Window(start, attempt.time());
                addIfPresent(w.mx, name(attempt.text("domain")));
                windows.add(w);
            }
        }
        List<Event> matched = new ArrayList<>();
        for (Window w : windows) {
            // the MX answer names the host whose A query follows
            for (String domain : w.mx) {
                Event q = w.latest(dns, "MX", domain);
                if (q != null) {
                    q.texts("answers").forEach(a -> addIfPresent(w.a, lastWord(a)));
                    addOnce(matched, q);
                }
            }
            for (String host : w.a) {
                addOnce(matched, w.latest(dns, "A", host));
                addOnce(matched, w.latest(dns, "AAAA", host));
            }
            for (String ptr : w.ptr) {
                addOnce(matched, w.latest(dns, "PTR", ptr));
            }
        }
        return matched;
    }

    private static List<String> notes(List<String> known, List<JourneyStep> steps, List<String> unreachable) {
        List<String> notes = new ArrayList<>(known);
        if (steps.isEmpty()) {
            notes.add("No event names this message: the services keep their last events only (maillab.events.capacity),"
                    + " and record none with maillab.events.enabled=false.");
            return notes;
        }
        if (steps.stream().noneMatch(s -> s.kind().equals("app.send"))
                && unreachable.stream().noneMatch(u -> u.startsWith("app-server"))) {
            notes.add(
                    "No app.send: the message did not come through app-server (or app-server has not kept the event).");
        }
        if (steps.stream().noneMatch(s -> s.kind().equals("smtp.delivery"))) {
            notes.add("No delivery: no Maildir file of this message is recorded.");
        }
        if (steps.stream().noneMatch(s -> s.kind().equals("pop3.session"))) {
            notes.add("No POP3 session has listed or retrieved it yet.");
        }
        return notes;
    }

    /** The time window of one send or session and the names queried for it. */
    private static final class Window {
        final Instant from;
        final Instant to;
        final Set<String> mx = new LinkedHashSet<>();
        final Set<String> a = new LinkedHashSet<>();
        final Set<String> ptr = new LinkedHashSet<>();

        Window(Instant from, Instant to) {
            this.from = from;
            this.to = to;
        }

        boolean holds(Event q) {
            return q.time() != null && !q.time().isBefore(from) && !q.time().isAfter(to);
        }

        /**
         * The last query for this name and type in the window: the one the sender's answer came from (a send asks
         * each name once; an earlier one in the window belongs to another send to the same domain).
         */
        Event latest(List<Event> dns, String type, String qname) {
            Event best = null;
            for (Event q : dns) {
                if (q.kind().equals("dns.query")
                        && type.equalsIgnoreCase(q.text("type"))
                        && qname.equals(name(q.text("name")))
                        && holds(q)
                        && (best == null || !q.time().isBefore(best.time()))) {
                    best = q;
                }
            }
            return best;
        }
    }

    private static void addOnce(List<Event> events, Event e) {
        if (e != null && events.stream().noneMatch(x -> x == e)) {
            events.add(e);
        }
    }

    private static boolean has(Set<String> set, Event e, String field) {
        String v = e.text(field);
        return v != null && set.contains(v);
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }

    /** "Test <test@Example.LOCAL>" → "example.local." */
    static String domainOf(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        int lt = a.lastIndexOf('<');
        int gt = a.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            a = a.substring(lt + 1, gt);
        }
        int at = a.lastIndexOf('@');
        return at < 0 ? "" : name(a.substring(at + 1));
    }

    /** A DNS name compared as the answers write it: lower case, with its final dot. */
    static String name(String n) {
        if (n == null || n.isBlank()) {
            return null;
        }
        String s = n.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s : s + ".";
    }

    /** "10 mail.example.local." and "example.local. 3600 IN MX 10 mail.example.local." → "mail.example.local." */
    static String lastWord(String answer) {
        String[] words = answer.strip().split("\\s+");
        return name(words[words.length - 1]);
    }

    /** "172.19.0.4:41234" → "4.0.19.172.in-addr.arpa."; null for anything but IPv4. */
    static String reverseName(String client) {
        if (client == null) {
            return null;
        }
        String host = client.startsWith("/") ? client.substring(1) : client;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            host = host.substring(0, colon);
        }
        String[] octets = host.split("\\.");
        if (octets.length != 4) {
            return null;
        }
        for (String o : octets) {
            if (!o.matches("\\d{1,3}")) {
                return null;
            }
        }
        return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    }
}
