package dev.maillab.console.journey;

import dev.maillab.console.events.Event;
import dev.maillab.console.journey.JourneyStep.Detail;
import dev.maillab.console.journey.JourneyStep.Line;
import dev.maillab.console.mailbox.MaildirNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Each event kind as a step of the journey: its title line, its details, its transcript. */
final class Steps {

    private Steps() {}

    static JourneyStep send(Event e) {
        List<Detail> d = new ArrayList<>();
        add(d, "Message-ID", e.text("messageId"));
        add(d, "From", e.text("from"));
        add(d, "To", String.join(", ", e.texts("to")));
        add(d, "Subject", e.text("subject"));
        for (JsonNode lookup : e.array("lookups")) {
            add(
                    d,
                    "Lookup " + Event.text(lookup, "type") + " " + Event.text(lookup, "name"),
                    String.join(", ", Event.texts(lookup.get("answers"))));
        }
        JsonNode relay = e.data().get("relay");
        if (relay != null && relay.isObject()) {
            add(
                    d,
                    "Relay",
                    Event.text(relay, "host") + " (" + Event.text(relay, "address") + ":" + Event.text(relay, "port")
                            + ")");
        }
        add(d, "Reply", e.text("reply"));
        add(d, "Queue id", e.text("queueId"));
        add(d, "Took", e.number("millis", -1) < 0 ? null : e.number("millis", 0) + " ms");
        add(d, "Error", e.text("error"));
        String source = "command".equals(e.text("source")) ? "the send command" : "the HTTP API";
        boolean failed = e.text("error") != null;
        Instant start = e.time() == null ? null : e.time().minusMillis(Math.max(0, e.number("millis", 0)));
        return new JourneyStep(
                start,
                e.kind(),
                e.service(),
                (failed ? "app-server could not send it (" : "app-server sent it (") + source + ")",
                d,
                List.of(),
                failed);
    }

    static JourneyStep dnsQuery(Event e) {
        List<Detail> d = new ArrayList<>();
        List<String> answers = e.texts("answers");
        add(d, "Answers", answers.isEmpty() ? "(none)" : String.join("\n", answers));
        add(d, "Client", e.text("client") + " over " + e.text("transport"));
        add(d, "Answered in", e.number("micros", -1) < 0 ? null : e.number("micros", 0) + " µs");
        // a fault rule of dns-server's on purpose: its id and action (drop: no answer at all)
        add(d, "Fault", e.text("fault"));
        String rcode = e.text("rcode") == null ? "no answer" : e.text("rcode");
        return new JourneyStep(
                e.time(),
                e.kind(),
                e.service(),
                "DNS " + e.text("type") + " " + e.text("name") + " → " + rcode,
                d,
                List.of(),
                !rcode.equals("NOERROR") || e.text("fault") != null);
    }

    static JourneyStep smtpSession(Event e) {
        List<Detail> d = new ArrayList<>();
        add(d, "Client", e.text("client") + (e.text("clientName") == null ? "" : " (" + e.text("clientName") + ")"));
        add(d, "HELO", e.text("helo"));
        add(d, "TLS", e.text("tls") == null ? "no" : e.text("tls"));
        add(d, "AUTH user", e.text("authUser"));
        add(d, "Queue ids", String.join(", ", e.texts("queueIds")));
        add(d, "Ended", e.text("end"));
        add(
                d,
                "Transcript lines left out",
                e.number("truncated", 0) > 0 ? Long.toString(e.number("truncated", 0)) : null);
        List<Line> lines = new ArrayList<>();
        for (JsonNode line : e.array("transcript")) {
            String from = Event.text(line, "from");
            lines.add(new Line("client".equals(from) ? "C" : "S", Event.text(line, "line"), false));
        }
        Instant start = e.instant("start");
        return new JourneyStep(
                start == null ? e.time() : start,
                e.kind(),
                e.service(),
                "SMTP session " + e.text("session") + " from " + e.text("client"),
                d,
                lines,
                false);
    }

    static JourneyStep rejection(Event e) {
        List<Detail> d = new ArrayList<>();
        add(d, "Command", e.text("command"));
        add(d, "Client", e.text("client"));
        return new JourneyStep(
                e.time(), e.kind(), e.service(), "smtp-server rejected: " + e.text("reply"), d, List.of(), true);
    }

    static JourneyStep delivery(Event e) {
        List<Detail> d = new ArrayList<>();
        add(d, "File", e.text("file"));
        add(d, "Written", "tmp/ → new/, on disk before the 250 reply");
        add(d, "Durable in", e.number("durableMillis", -1) < 0 ? null : e.number("durableMillis", 0) + " ms");
        add(d, "Size", e.number("size", -1) < 0 ? null : e.number("size", 0) + " octets");
        add(d, "Envelope from", e.text("from"));
        add(d, "Queue id", e.text("queueId"));
        add(d, "Message-ID", e.text("messageId"));
        return new JourneyStep(
                e.time(),
                e.kind(),
                e.service(),
                "Delivered to " + e.text("user") + " (" + e.text("recipient") + ")",
                d,
                List.of(),
                false);
    }

    /** relay.queued, relay.attempt, relay.bounce: the message's outbound hops. */
    static JourneyStep relay(Event e) {
        List<Detail> d = new ArrayList<>();
        return switch (e.kind()) {
            case "relay.queued" -> {
                add(d, "Queue id", e.text("queueId"));
                add(d, "Message-ID", e.text("messageId"));
                add(d, "Envelope from", sender(e.text("sender")));
                add(d, "Recipients", String.join(", ", e.texts("recipients")));
                add(d, "Size", e.number("size", -1) < 0 ? null : e.number("size", 0) + " octets");
                add(d, "Written", "into the queue, on disk before the 250 reply");
                yield new JourneyStep(
                        e.time(),
                        e.kind(),
                        e.service(),
                        "Queued for " + String.join(", ", e.texts("domains")),
                        d,
                        List.of(),
                        false);
            }
            case "relay.attempt" -> {
                String status = e.text("status");
                add(d, "Relay", e.text("relay"));
                add(d, "Status", status + " (dsn=" + e.text("dsn") + ")");
                add(d, "Reply", e.text("reply"));
                add(d, "Detail", Objects.equals(e.text("detail"), e.text("reply")) ? null : e.text("detail"));
                add(d, "Delay", e.text("delay") == null ? null : e.text("delay") + " s since queued");
                add(d, "Attempt", e.text("attempt"));
                add(d, "Queue id", e.text("queueId"));
                Instant start = e.instant("start");
                yield new JourneyStep(
                        start == null ? e.time() : start,
                        e.kind(),
                        e.service(),
                        "Relayed to " + e.text("recipient") + " via " + e.text("relay") + ": " + status,
                        d,
                        List.of(),
                        !"sent".equals(status));
            }
            default -> {
                add(d, "Reports", String.join(", ", e.texts("recipients")));
                add(d, "Bounce queue id", e.text("bounceQueueId"));
                add(d, "Bounce Message-ID", e.text("bounceMessageId"));
                add(
                        d,
                        "Goes",
                        "queue".equals(e.text("delivery"))
                                ? "into the queue, for the sender's lab domain"
                                : "into the sender's Maildir");
                add(d, "Why", "true".equals(e.text("expired")) ? "undelivered for maillab.relay.max-lifetime" : null);
                add(d, "Queue id", e.text("queueId"));
                yield new JourneyStep(
                        e.time(),
                        e.kind(),
                        e.service(),
                        "Returned to " + e.text("to") + ": a delivery status notification",
                        d,
                        List.of(),
                        true);
            }
        };
    }

    private static String sender(String sender) {
        return sender == null ? null : sender.isEmpty() ? "<> (a bounce)" : sender;
    }

    static JourneyStep pop3Session(Event e, Set<String> baseNames) {
        List<Detail> d = new ArrayList<>();
        add(d, "Client", e.text("client"));
        add(d, "TLS", e.text("tls") == null ? "no" : e.text("tls"));
        add(d, "Logout", e.text("summary"));
        add(d, "Ended", e.text("end"));
        List<Line> lines = new ArrayList<>();
        List<String> touched = new ArrayList<>();
        for (JsonNode c : e.array("commands")) {
            String message = Event.text(c, "message");
            boolean ours = message != null && baseNames.contains(MaildirNames.baseName(message));
            String command = Event.text(c, "command");
            if (ours && command != null) {
                touched.add(command.split(" ")[0]);
            }
            lines.add(new Line("C", command, ours));
            lines.add(new Line("S", Event.text(c, "reply"), ours));
        }
        Instant start = e.instant("start");
        return new JourneyStep(
                start == null ? e.time() : start,
                e.kind(),
                e.service(),
                "POP3 session of " + e.text("user") + (touched.isEmpty() ? "" : ": " + String.join(", ", touched)),
                d,
                lines,
                false);
    }

    static JourneyStep maildir(Event e) {
        List<Detail> d = new ArrayList<>();
        boolean moved = e.kind().equals("maildir.moved");
        if (moved) {
            add(d, "From", e.text("from"));
            add(d, "To", e.text("to"));
        } else {
            add(d, "Path", e.text("path"));
        }
        return new JourneyStep(
                e.time(),
                e.kind(),
                e.service(),
                moved ? "Maildir of " + e.text("user") + ": new/ → cur/" : "Maildir of " + e.text("user") + ": deleted",
                d,
                List.of(),
                false);
    }

    private static void add(List<Detail> details, String label, String value) {
        if (value != null && !value.isBlank() && !value.equals("null")) {
            details.add(new Detail(label, value));
        }
    }
}
