package dev.maillab.console.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.events.Event;
import dev.maillab.console.events.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The join on contract-shaped events: which DNS queries, sessions and moves belong to one message. */
class JourneyJoinTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2026-12-01T21:00:00.000Z");
    private long seq;

    @Test
    void twoSendsToOneDomainEachGetTheirOwnLookups() {
        List<Event> dns = new ArrayList<>();
        dns.add(query(T.plusMillis(10), "MX", "example.local.", "example.local. 3600 IN MX 10 mail.example.local."));
        dns.add(query(T.plusMillis(12), "A", "mail.example.local.", "mail.example.local. 3600 IN A 172.19.0.3"));
        dns.add(query(T.plusMillis(500), "MX", "example.local.", "example.local. 3600 IN MX 10 mail.example.local."));
        dns.add(query(T.plusMillis(502), "A", "mail.example.local.", "mail.example.local. 3600 IN A 172.19.0.3"));
        List<Event> app = List.of(
                send(T.plusMillis(40), 40, "<one@example.local>", "Q1"),
                send(T.plusMillis(530), 40, "<two@example.local>", "Q2"));

        Journey first = JourneyJoin.join(
                new JourneyJoin.Seeds("<one@example.local>", null, null), app, dns, List.of(), List.of(), List.of());
        Journey second =
                JourneyJoin.join(new JourneyJoin.Seeds(null, "Q2", null), app, dns, List.of(), List.of(), List.of());

        assertThat(times(first, "dns.query")).containsExactly(T.plusMillis(10), T.plusMillis(12));
        assertThat(times(second, "dns.query")).containsExactly(T.plusMillis(500), T.plusMillis(502));
        assertThat(second.messageIds()).containsExactly("<two@example.local>");
    }

    @Test
    void mailFromAnotherSenderIsJoinedByQueueIdAndFileWithItsReverseLookup() {
        ObjectNode session = fields();
        session.put("session", "s1");
        session.put("client", "172.19.0.9:40000");
        session.putArray("queueIds").add("Q9");
        session.putArray("transcript");
        session.put("start", T.toString());
        session.put("end", T.plusMillis(80).toString());
        ObjectNode delivery = fields();
        delivery.put("session", "s1");
        delivery.put("queueId", "Q9");
        delivery.put("messageId", "<swaks@example.org>");
        delivery.put("recipient", "bob@example.local");
        delivery.put("user", "bob");
        delivery.put("file", "/var/mail/bob/Maildir/new/1764622800.M1P2Q3.mail,S=300");
        ObjectNode deleted = fields();
        deleted.put("user", "bob");
        deleted.put("message", "1764622800.M1P2Q3.mail");
        deleted.put("path", "/var/mail/bob/Maildir/cur/1764622800.M1P2Q3.mail,S=300:2,S");
        List<Event> smtp = List.of(
                event(Service.SMTP, "smtp.delivery", T.plusMillis(60), delivery),
                event(Service.SMTP, "smtp.session", T.plusMillis(80), session),
                event(Service.SMTP, "maildir.deleted", T.plusSeconds(30), deleted));
        List<Event> dns = List.of(
                query(T.plusMillis(2), "PTR", "9.0.19.172.in-addr.arpa.", "... PTR client.example.local."),
                query(T.plusMillis(3), "PTR", "8.0.19.172.in-addr.arpa.", "... PTR other.example.local."));

        Journey j = JourneyJoin.join(
                new JourneyJoin.Seeds(null, null, "1764622800.M1P2Q3.mail,S=300:2,S"),
                List.of(),
                dns,
                smtp,
                List.of(),
                List.of());

        // the session starts at the connection; smtp-server's reverse lookup of the client follows
        assertThat(j.steps().stream().map(JourneyStep::kind))
                .containsExactly("smtp.session", "dns.query", "smtp.delivery", "maildir.deleted");
        assertThat(j.steps().get(1).title()).contains("PTR 9.0.19.172.in-addr.arpa.");
        assertThat(j.notes()).anySatisfy(n -> assertThat(n).startsWith("No app.send"));
        assertThat(j.copies()).extracting(Journey.Copy::user).containsExactly("bob");
    }

    private List<Instant> times(Journey j, String kind) {
        return j.steps().stream()
                .filter(s -> s.kind().equals(kind))
                .map(JourneyStep::at)
                .toList();
    }

    private Event send(Instant end, long millis, String messageId, String queueId) {
        ObjectNode f = fields();
        f.put("source", "api");
        f.put("messageId", messageId);
        f.putArray("to").add("test@example.local");
        f.put("queueId", queueId);
        f.put("millis", millis);
        f.putObject("relay").put("host", "mail.example.local");
        return event(Service.APP, "app.send", end, f);
    }

    private Event query(Instant at, String type, String name, String answer) {
        ObjectNode f = fields();
        f.put("type", type);
        f.put("name", name);
        f.put("rcode", "NOERROR");
        f.putArray("answers").add(answer);
        return event(Service.DNS, "dns.query", at, f);
    }

    private Event event(Service service, String kind, Instant time, ObjectNode f) {
        f.put("seq", ++seq);
        f.put("time", time.toString());
        f.put("kind", kind);
        return Event.of(service, f);
    }

    private static ObjectNode fields() {
        return JSON.createObjectNode();
    }
}
