package dev.maillab.console.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three services as the console sees them, faked on real sockets, and the events one message's trip through
 * them records: app-server's send, dns-server's MX and A answers, smtp-server's session and delivery, a POP3
 * session that retrieves it and the move to cur/.
 */
public final class FakeLab implements AutoCloseable {

    private static final AtomicInteger QUEUE = new AtomicInteger(0xA000);

    public final FakeDnsServer dns = new FakeDnsServer();
    public final FakeSmtpServer smtp = new FakeSmtpServer("test", "alice", "bob");
    public final FakeAppServer app = new FakeAppServer();

    /** Points the console at the fakes. */
    public void register(DynamicPropertyRegistry r) {
        r.add("maillab.console.dns-url", dns::url);
        r.add("maillab.console.smtp-url", smtp::url);
        r.add("maillab.console.app-url", app::url);
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
    }
}
