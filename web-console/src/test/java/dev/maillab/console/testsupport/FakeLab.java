package dev.maillab.console.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three services as the console sees them, and the smtp-server of the lab's other domain (example.test, the
 * console's {@code smtp-urls}), faked on real sockets, and the events one message's trip through them records:
 * app-server's send, dns-server's MX and A answers, smtp-server's session and delivery, a POP3 session that retrieves
 * it and the move to cur/; or, for a message to the other domain, its outbound hops and its arrival there.
 */
public final class FakeLab implements AutoCloseable {

    private static final AtomicInteger QUEUE = new AtomicInteger(0xA000);

    public final FakeDnsServer dns = new FakeDnsServer();
    public final FakeSmtpServer smtp = new FakeSmtpServer("test", "alice", "bob");
    public final FakeAppServer app = new FakeAppServer();
    public final FakeSmtpServer otherSmtp = new FakeSmtpServer("test", "alice", "bob");

    /** Points the console at the fakes. */
    public void register(DynamicPropertyRegistry r) {
        r.add("maillab.console.dns-url", dns::url);
        r.add("maillab.console.smtp-url", smtp::url);
        r.add("maillab.console.app-url", app::url);
        // the home server listed again is left out: the console follows each server once
        r.add("maillab.console.smtp-urls", () -> smtp.url() + "," + otherSmtp.url());
    }

    /** What one relayed message recorded on both servers. */
    public record Relayed(
            String messageId, String queueId, String remoteQueueId, String bounceQueueId, Instant start) {}

    /**
     * alice@example.local sends to bob@example.test and nobody@example.test through example.local's server, which
     * queues it and relays it by MX: bob's copy is stored at example.test, nobody is refused there, and alice gets
     * a bounce. The events in the order and at the times both servers record them (ms apart, so the order is the
     * timeline's); {@code remote} false stops after the queueing, and {@link #arrive} records the rest later.
     */
    public Relayed relay(boolean remote) {
        return relay(remote, now());
    }

    /** The same, as if it had begun at {@code t}. */
    public Relayed relay(boolean remote, Instant t) {
        String queueId = Integer.toHexString(QUEUE.incrementAndGet()).toUpperCase() + "AB1E";
        String remoteQueueId = queueId + "2";
        String bounceQueueId = queueId + "3";
        String messageId = "<relay." + queueId + "@example.local>";
        ObjectNode queued = FakeService.fields();
        queued.put("queueId", queueId);
        queued.put("messageId", messageId);
        queued.put("sender", "alice@example.local");
        queued.putArray("recipients").add("bob@example.test").add("nobody@example.test");
        queued.putArray("domains").add("example.test");
        queued.put("size", 420);
        smtp.publish("relay.queued", t.plusMillis(5), queued);

        ObjectNode s = FakeService.fields();
        s.put("session", "s" + queueId.toLowerCase());
        s.put("client", "127.0.0.1:41999");
        s.putNull("clientName");
        s.put("helo", "client.example.local");
        s.putNull("tls");
        s.putNull("authUser");
        s.putArray("queueIds").add(queueId);
        ArrayNode lines = s.putArray("transcript");
        line(lines, "client", "RCPT TO:<bob@example.test>");
        line(lines, "server", "250 2.0.0 Ok: queued as " + queueId);
        s.put("start", t.toString());
        s.put("end", t.plusMillis(8).toString());
        smtp.publish("smtp.session", t.plusMillis(8), s);

        ObjectNode mx = FakeService.fields();
        mx.put("client", "127.0.0.1:53300");
        mx.put("transport", "udp");
        mx.put("name", "example.test.");
        mx.put("type", "MX");
        mx.put("rcode", "NOERROR");
        mx.putArray("answers").add("example.test. 60 IN MX 10 mail.example.test.");
        dns.publish("dns.query", t.plusMillis(7), mx);
        ObjectNode a = FakeService.fields();
        a.put("client", "127.0.0.1:53301");
        a.put("transport", "udp");
        a.put("name", "mail.example.test.");
        a.put("type", "A");
        a.put("rcode", "NOERROR");
        a.putArray("answers").add("mail.example.test. 60 IN A 127.0.0.3");
        dns.publish("dns.query", t.plusMillis(8), a);

        Relayed r = new Relayed(messageId, queueId, remoteQueueId, bounceQueueId, t);
        if (remote) {
            arrive(r);
        }
        return r;
    }

    /** The relay's delivery of it: the copy at example.test, the attempts' outcomes, the bounce. */
    public void arrive(Relayed r) {
        String queueId = r.queueId();
        String remoteQueueId = r.remoteQueueId();
        String bounceQueueId = r.bounceQueueId();
        String messageId = r.messageId();
        String relay = "mail.example.test[127.0.0.3]:25";
        Instant t = r.start();
        String remoteSession = "r" + queueId.toLowerCase();
        ObjectNode rs = FakeService.fields();
        rs.put("session", remoteSession);
        rs.put("client", "127.0.0.1:42000");
        rs.putNull("clientName");
        rs.put("helo", "mail.example.local");
        rs.put("tls", "TLSv1.3/TLS_AES_256_GCM_SHA384");
        rs.putNull("authUser");
        rs.putArray("queueIds").add(remoteQueueId);
        ArrayNode rt = rs.putArray("transcript");
        line(rt, "client", "RCPT TO:<bob@example.test>");
        line(rt, "server", "250 2.1.5 Ok");
        line(rt, "client", "RCPT TO:<nobody@example.test>");
        line(rt, "server", "550 5.1.1 <nobody@example.test>: Recipient address rejected");
        rs.put("start", t.plusMillis(10).toString());
        rs.put("end", t.plusMillis(16).toString());
        ObjectNode rejected = FakeService.fields();
        rejected.put("session", remoteSession);
        rejected.put("queueId", remoteQueueId);
        rejected.put("client", "127.0.0.1:42000");
        rejected.put("command", "RCPT TO:<nobody@example.test>");
        rejected.put("reply", "550 5.1.1 <nobody@example.test>: Recipient address rejected");
        rejected.put("address", "nobody@example.test");
        otherSmtp.publish("smtp.rejection", t.plusMillis(11), rejected);
        ObjectNode delivery = FakeService.fields();
        delivery.put("session", remoteSession);
        delivery.put("queueId", remoteQueueId);
        delivery.put("messageId", messageId);
        delivery.put("from", "alice@example.local");
        delivery.put("recipient", "bob@example.test");
        delivery.put("user", "bob");
        delivery.put("file", "/var/mail/bob/Maildir/new/1700000000.M1P2Q" + queueId + ".mail.example.test,S=420");
        delivery.put("size", 480);
        delivery.put("durableMillis", 2);
        otherSmtp.publish("smtp.delivery", t.plusMillis(12), delivery);
        otherSmtp.publish("smtp.session", t.plusMillis(16), rs);

        smtp.publish(
                "relay.attempt",
                t.plusMillis(14),
                attempt(
                        queueId,
                        "bob@example.test",
                        t.plusMillis(6),
                        relay,
                        "2.0.0",
                        "sent",
                        "250 2.0.0 Ok: queued as " + remoteQueueId));
        ObjectNode refused = attempt(
                queueId,
                "nobody@example.test",
                t.plusMillis(6),
                relay,
                "5.1.1",
                "bounced",
                "550 5.1.1 <nobody@example.test>: Recipient address rejected");
        refused.put(
                "detail",
                "host mail.example.test[127.0.0.3] said: 550 5.1.1 <nobody@example.test>:"
                        + " Recipient address rejected (in reply to RCPT TO command)");
        smtp.publish("relay.attempt", t.plusMillis(14), refused);
        ObjectNode bounce = FakeService.fields();
        bounce.put("queueId", queueId);
        bounce.put("bounceQueueId", bounceQueueId);
        bounce.put("bounceMessageId", "<bounce." + bounceQueueId + "@mail.example.local>");
        bounce.put("to", "alice@example.local");
        bounce.putArray("recipients").add("nobody@example.test");
        bounce.put("delivery", "maildir");
        bounce.put("expired", false);
        smtp.publish("relay.bounce", t.plusMillis(15), bounce);
    }

    /** bob fetches the relayed copy from example.test's server over POP3 (an event of that server only). */
    public void retrieveThere(Relayed r) {
        String copy = "1700000000.M1P2Q" + r.queueId() + ".mail.example.test,S=420";
        ObjectNode pop = FakeService.fields();
        pop.put("session", "p" + r.queueId().toLowerCase());
        pop.put("client", "127.0.0.1:50111");
        pop.put("user", "bob");
        pop.putNull("tls");
        ArrayNode c = pop.putArray("commands");
        command(c, "USER bob", "+OK", null);
        command(c, "PASS (credentials hidden)", "+OK maildrop locked", null);
        command(c, "RETR 1", "+OK 480 octets", copy);
        command(c, "QUIT", "+OK maillab POP3 server signing off", null);
        pop.put("summary", "Logged out top=0/0, retr=1/480, del=0/1, size=480");
        Instant start = now();
        pop.put("start", start.toString());
        pop.put("end", start.plusMillis(3).toString());
        otherSmtp.publish("pop3.session", start.plusMillis(3), pop);
    }

    private static ObjectNode attempt(
            String queueId, String recipient, Instant start, String relay, String dsn, String status, String reply) {
        ObjectNode a = FakeService.fields();
        a.put("queueId", queueId);
        a.put("recipient", recipient);
        a.put("domain", "example.test");
        a.put("attempt", 1);
        a.put("start", start.toString());
        a.put("relay", relay);
        a.put("delay", 0.01);
        a.put("dsn", dsn);
        a.put("status", status);
        a.put("reply", reply);
        a.put("detail", reply);
        return a;
    }

    /** The identifiers one delivery recorded. */
    public record Delivery(FakeMessage message, String queueId, String session) {}

    /** The message goes the whole way to the user's new/: the events in the order the services record them. */
    public Delivery deliver(FakeMessage m) {
        String queueId = Integer.toHexString(QUEUE.incrementAndGet()).toUpperCase() + "F00D";
        String session = "s" + queueId.toLowerCase();
        String recipient = m.user + "@example.local";
        Instant start = now();

        ObjectNode mx = FakeService.fields();
        mx.put("client", "127.0.0.1:53211");
        mx.put("transport", "udp");
        mx.put("name", "example.local.");
        mx.put("type", "MX");
        mx.put("rcode", "NOERROR");
        mx.putArray("answers").add("example.local. 3600 IN MX 10 mail.example.local.");
        mx.put("micros", 180);
        dns.publish("dns.query", mx);
        ObjectNode a = FakeService.fields();
        a.put("client", "127.0.0.1:53212");
        a.put("transport", "udp");
        a.put("name", "mail.example.local.");
        a.put("type", "A");
        a.put("rcode", "NOERROR");
        a.putArray("answers").add("mail.example.local. 3600 IN A 127.0.0.1");
        a.put("micros", 95);
        dns.publish("dns.query", a);

        // app-server connects once it has the MX host's address
        Instant connected = now();
        smtp.store(m);
        ObjectNode delivery = FakeService.fields();
        delivery.put("session", session);
        delivery.put("queueId", queueId);
        delivery.put("messageId", m.messageId);
        delivery.put("from", "app@example.local");
        delivery.put("recipient", recipient);
        delivery.put("user", m.user);
        delivery.put("file", m.file());
        delivery.put("size", m.raw.length);
        delivery.put("durableMillis", 3);
        smtp.publish("smtp.delivery", delivery);

        ObjectNode s = FakeService.fields();
        s.put("session", session);
        s.put("client", "127.0.0.1:41234");
        s.putNull("clientName");
        s.put("helo", "app-server.example.local");
        s.putNull("tls");
        s.putNull("authUser");
        s.putArray("queueIds").add(queueId);
        ArrayNode t = s.putArray("transcript");
        line(t, "server", "220 mail.example.local ESMTP maillab");
        line(t, "client", "EHLO app-server.example.local");
        line(t, "server", "250-mail.example.local");
        line(t, "client", "MAIL FROM:<app@example.local>");
        line(t, "server", "250 2.1.0 Ok");
        line(t, "client", "RCPT TO:<" + recipient + ">");
        line(t, "server", "250 2.1.5 Ok");
        line(t, "client", "DATA");
        line(t, "server", "354 End data with <CR><LF>.<CR><LF>");
        line(t, "client", "(message data: " + m.raw.length + " octets)");
        line(t, "server", "250 2.0.0 Ok: queued as " + queueId);
        line(t, "client", "QUIT");
        line(t, "server", "221 2.0.0 Bye");
        s.put("start", connected.toString());
        s.put("end", now().toString());
        smtp.publish("smtp.session", s);

        ObjectNode send = FakeService.fields();
        send.put("source", "api");
        send.put("messageId", m.messageId);
        send.put("from", "app@example.local");
        send.putArray("to").add(recipient);
        send.put("subject", m.subject);
        ArrayNode lookups = send.putArray("lookups");
        ObjectNode l1 = lookups.addObject();
        l1.put("name", "example.local.");
        l1.put("type", "MX");
        l1.putArray("answers").add("10 mail.example.local.");
        ObjectNode l2 = lookups.addObject();
        l2.put("name", "mail.example.local.");
        l2.put("type", "A");
        l2.putArray("answers").add("127.0.0.1");
        ObjectNode relay = send.putObject("relay");
        relay.put("host", "mail.example.local");
        relay.put("address", "127.0.0.1");
        relay.put("port", 2525);
        send.put("reply", "250 2.0.0 Ok: queued as " + queueId);
        send.put("queueId", queueId);
        send.put("millis", Math.max(1, Instant.now().toEpochMilli() - start.toEpochMilli()) + 20);
        send.putNull("error");
        app.publish("app.send", send);
        return new Delivery(m, queueId, session);
    }

    /** A POP3 client lists, retrieves and keeps the message; smtp-server moves it to cur/. */
    public void retrieve(FakeMessage m) {
        Instant start = now();
        String from = m.file();
        m.folder = "cur";
        m.flags = "S";
        ObjectNode moved = FakeService.fields();
        moved.put("user", m.user);
        moved.put("message", m.id);
        moved.put("from", from);
        moved.put("to", m.file());
        ObjectNode pop = FakeService.fields();
        pop.put("session", "p" + System.nanoTime());
        pop.put("client", "127.0.0.1:50110");
        pop.put("user", m.user);
        pop.putNull("tls");
        ArrayNode c = pop.putArray("commands");
        command(c, "USER " + m.user, "+OK", null);
        command(c, "PASS (credentials hidden)", "+OK maildrop locked", null);
        command(c, "LIST", "+OK 1 messages", null);
        command(c, "RETR 1", "+OK " + m.raw.length + " octets", m.id);
        command(c, "QUIT", "+OK maillab POP3 server signing off", null);
        pop.put("summary", "user=" + m.user + " retr=1 dele=0");
        pop.put("start", start.toString());
        pop.put("end", now().toString());
        smtp.publish("maildir.moved", moved);
        smtp.publish("pop3.session", pop);
    }

    /** The contract's instants have milliseconds. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void line(ArrayNode transcript, String from, String text) {
        ObjectNode l = transcript.addObject();
        l.put("from", from);
        l.put("line", text);
    }

    private static void command(ArrayNode commands, String command, String reply, String message) {
        ObjectNode c = commands.addObject();
        c.put("command", command);
        c.put("reply", reply);
        c.put("message", message);
    }

    @Override
    public void close() {
        dns.close();
        smtp.close();
        app.close();
        otherSmtp.close();
    }
}
