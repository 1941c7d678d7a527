package dev.maillab.client.pop3;

import dev.maillab.client.pop3.MaildropSnapshot.ListEntry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocketFactory;

/**
 * The checker's conversation, in the order a person at telnet would type it: greeting, CAPA, [STLS, CAPA],
 * USER, PASS, STAT, LIST, RETR of each message (or of the newest N), [DELE], QUIT.
 */
public class Pop3Session {

    /**
     * @param user          mailbox name
     * @param password      its password (never written to the transcript)
     * @param tls           upgrade with STLS before logging in; a server without STLS is an error
     * @param tlsFactory    sockets for that upgrade
     * @param verifyHostname check the certificate's name against the host name
     * @param newest        retrieve only this many of the highest-numbered messages; 0 = all
     */
    public record Options(
            String user,
            String password,
            boolean tls,
            SSLSocketFactory tlsFactory,
            boolean verifyHostname,
            int newest) {}

    private final Pop3Limits limits;

    public Pop3Session(Pop3Limits limits) {
        this.limits = limits;
    }

    /**
     * @param deleteRetrieved asked once the messages are retrieved: true marks them deleted before QUIT
     */
    public MaildropSnapshot run(
            String hostName,
            InetSocketAddress address,
            Options options,
            Transcript transcript,
            Predicate<List<RetrievedMessage>> deleteRetrieved)
            throws Pop3Exception {
        try (Pop3Connection c = Pop3Connection.open(hostName, address, limits, transcript)) {
            Pop3Reply greeting = c.greeting();
            if (!greeting.ok()) {
                throw new Pop3Exception(Pop3Exception.Kind.PROTOCOL, "server greeting: -ERR " + greeting.text());
            }
            List<String> caps = capabilities(c);
            if (options.tls()) {
                if (!caps.isEmpty() && caps.stream().noneMatch(s -> s.equalsIgnoreCase("STLS"))) {
                    throw new Pop3Exception(
                            Pop3Exception.Kind.TLS,
                            hostName + " does not offer STLS (CAPA: " + String.join(" ", caps) + ")");
                }
                c.startTls(options.tlsFactory(), options.verifyHostname());
                caps = capabilities(c);
            }
            login(c, options);
            Pop3Reply stat = expectOk(c.command("STAT"), "STAT");
            int count = (int) number(stat.text(), 0, "STAT");
            long octets = number(stat.text(), 1, "STAT");

            expectOk(c.command("LIST"), "LIST");
            List<ListEntry> listing = new ArrayList<>();
            for (String line : c.readMultiLineText()) {
                listing.add(new ListEntry((int) number(line, 0, "LIST"), number(line, 1, "LIST")));
            }

            List<ListEntry> wanted = listing.stream()
                    .sorted(Comparator.comparingInt(ListEntry::number))
                    .toList();
            if (options.newest() > 0 && wanted.size() > options.newest()) {
                wanted = wanted.subList(wanted.size() - options.newest(), wanted.size());
            }
            List<RetrievedMessage> retrieved = new ArrayList<>();
            for (ListEntry e : wanted) {
                expectOk(c.command("RETR " + e.number()), "RETR " + e.number());
                retrieved.add(new RetrievedMessage(e.number(), e.size(), c.readMessage()));
            }

            boolean delete = !retrieved.isEmpty() && deleteRetrieved.test(retrieved);
            if (delete) {
                for (RetrievedMessage m : retrieved) {
                    expectOk(c.command("DELE " + m.number()), "DELE " + m.number());
                }
            }
            // without +OK to QUIT the server has not committed the deletions (RFC 1939 UPDATE state)
            expectOk(c.command("QUIT"), "QUIT");
            transcript.note("Connection closed by foreign host.");
            return new MaildropSnapshot(caps, count, octets, listing, retrieved, delete);
        }
    }

    private static List<String> capabilities(Pop3Connection c) throws Pop3Exception {
        Pop3Reply capa = c.command("CAPA");
        return capa.ok() ? c.readMultiLineText() : List.of();
    }

    private static void login(Pop3Connection c, Options options) throws Pop3Exception {
        Pop3Reply user = c.command("USER " + options.user());
        if (!user.ok()) {
            throw new Pop3Exception(
                    Pop3Exception.Kind.AUTHENTICATION, "USER " + options.user() + " refused: -ERR " + user.text());
        }
        Pop3Reply pass = c.command("PASS " + options.password(), "PASS ********");
        if (!pass.ok()) {
            throw new Pop3Exception(
                    Pop3Exception.Kind.AUTHENTICATION, "login as " + options.user() + " failed: -ERR " + pass.text());
        }
    }

    private static Pop3Reply expectOk(Pop3Reply reply, String command) throws Pop3Exception {
        if (!reply.ok()) {
            throw new Pop3Exception(Pop3Exception.Kind.PROTOCOL, command + " failed: -ERR " + reply.text());
        }
        return reply;
    }

    /** The n-th space-separated number of a STAT or LIST line (RFC 1939 scan listing). */
    private static long number(String text, int index, String command) throws Pop3Exception {
        String[] parts = text.strip().split("\\s+");
        try {
            long v = Long.parseLong(parts[index]);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new Pop3Exception(
                    Pop3Exception.Kind.PROTOCOL, "malformed " + command + " answer: " + Pop3Reply.abbreviate(text));
        }
    }
}
