package dev.maillab.mailserver.relay.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One delivery to one destination domain, carrying all its recipients: MX lookup ({@link MxLookup}), then the
 * hosts in order until one holds a conversation to its end. A host that cannot be reached, refuses to talk, fails
 * the TLS handshake or drops the connection is skipped for the next; when none is left, every recipient is
 * deferred with the last reason. A host that talks decides per recipient: 2xx sent, 4xx deferred, 5xx bounced.
 *
 * <p>STARTTLS is used whenever the host offers it and this host has the lab CA: the certificate must chain to that
 * CA (any name: the lab's hosts are many names on few addresses); a handshake that fails (another CA, no common
 * protocol) is that host failing, never a fallback to plain text. A host that does not offer STARTTLS gets the
 * message in clear (Postfix's {@code smtp_tls_security_level=may}).
 */
public final class DomainDelivery implements AutoCloseable {

    /** The content of a queued message, opened once per delivery. */
    public interface Content {
        InputStream open() throws IOException;

        long size();
    }

    private final MxLookup mx;
    private final DeliverySettings settings;
    private final SSLContext tls;
    private final ScheduledExecutorService deadlines;
    private final Set<SmtpClientConnection> open = ConcurrentHashMap.newKeySet();

    /** @param tls trusts the lab CA; null: never STARTTLS */
    public DomainDelivery(MxLookup mx, DeliverySettings settings, SSLContext tls) {
        this.mx = mx;
        this.settings = settings;
        this.tls = tls;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    /** One outcome per recipient, in their order. */
    public List<Outcome> deliver(String sender, String domain, List<String> recipients, Content content) {
        MxLookup.Route route = mx.route(domain);
        if (route instanceof MxLookup.Failure f) {
            return recipients.stream()
                    .map(r -> Outcome.failed(r, f.permanent(), "none", f.dsn(), f.text()))
                    .toList();
        }
        String dsn = "4.4.1";
        String reason = "no host to try";
        for (MailHost host : ((MxLookup.Hosts) route).hosts()) {
            SmtpClientConnection connection;
            try {
                connection = SmtpClientConnection.open(host, settings);
            } catch (IOException e) {
                dsn = "4.4.1";
                reason = "connect to " + host.relay(settings.port()) + ": " + connectError(e);
                continue;
            }
            ScheduledFuture<?> cut;
            try {
                cut = deadlines.schedule(
                        () -> closeQuietly(connection),
                        settings.sessionTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                closeQuietly(connection);
                reason = "the delivery was stopped";
                break;
            }
            open.add(connection);
            try {
                return converse(connection, host, sender, recipients, content);
            } catch (HostFailure e) {
                dsn = e.dsn;
                reason = e.getMessage();
            } finally {
                cut.cancel(false);
                open.remove(connection);
                closeQuietly(connection);
            }
        }
        String last = reason;
        String lastDsn = dsn;
        return recipients.stream()
                .map(r -> Outcome.failed(r, false, "none", lastDsn, last))
                .toList();
    }

    /** A host that did not see the transaction through: the next one is tried. */
    private static final class HostFailure extends Exception {
        final String dsn;

        HostFailure(String dsn, String message) {
            super(message, null, false, false);
            this.dsn = dsn;
        }
    }

    private List<Outcome> converse(
            SmtpClientConnection c, MailHost host, String sender, List<String> recipients, Content content)
            throws HostFailure {
        int port = settings.port();
        String stage = "initial greeting";
        try {
            SmtpReply greeting = c.read();
            if (greeting.code() != 220) {
                throw new HostFailure(
                        greeting.code() / 100 == 4 ? greeting.dsn() : "4.0.0",
                        "host " + host.hostAndAddress() + " refused to talk to me: " + greeting.text());
            }
            stage = "EHLO";
            SmtpReply ehlo = hello(c, host);
            if (tls != null && ehlo.offers("STARTTLS")) {
                stage = "STARTTLS";
                SmtpReply ready = c.command("STARTTLS");
                if (ready.code() == 220) {
                    try {
                        c.startTls(tls, host.name());
                    } catch (SSLException e) {
                        throw new HostFailure(
                                "4.7.5", "TLS handshake with " + host.hostAndAddress() + " failed: " + e.getMessage());
                    }
                    stage = "EHLO";
                    ehlo = hello(c, host);
                }
            }
            StringBuilder mail = new StringBuilder("MAIL FROM:<").append(sender).append('>');
            if (ehlo.offers("SIZE")) {
                mail.append(" SIZE=").append(content.size());
            }
            if (ehlo.offers("8BITMIME")) {
                mail.append(" BODY=8BITMIME");
            }
            stage = "MAIL FROM";
            SmtpReply from = c.command(mail.toString());
            if (!from.positive()) {
                return recipients.stream()
                        .map(r -> Outcome.fromReply(r, host, port, from, "MAIL FROM"))
                        .toList();
            }
            List<Outcome> outcomes = new ArrayList<>(recipients.size());
            List<Integer> accepted = new ArrayList<>();
            stage = "RCPT TO";
            for (String recipient : recipients) {
                SmtpReply rcpt = c.command("RCPT TO:<" + recipient + ">");
                if (rcpt.positive()) {
                    accepted.add(outcomes.size());
                    outcomes.add(null);
                } else {
                    outcomes.add(Outcome.fromReply(recipient, host, port, rcpt, "RCPT TO"));
                }
            }
            if (accepted.isEmpty()) {
                quit(c);
                return outcomes;
            }
            stage = "DATA";
            SmtpReply data = c.command("DATA");
            SmtpReply end = data;
            String endStage = "DATA";
            if (data.code() == 354) {
                stage = "end of DATA";
                try (InputStream message = content.open()) {
                    c.sendData(message);
                }
                end = c.read();
                endStage = "end of DATA";
            } else if (data.positive()) {
                throw new HostFailure("4.5.0", "host " + host.hostAndAddress() + " answered DATA with " + data.text());
            }
            for (int i : accepted) {
                outcomes.set(i, Outcome.fromReply(recipients.get(i), host, port, end, endStage));
            }
            quit(c);
            return outcomes;
        } catch (SocketTimeoutException e) {
            throw new HostFailure(
                    "4.4.2", "conversation with " + host.hostAndAddress() + " timed out while sending " + stage);
        } catch (IOException e) {
            throw new HostFailure(
                    "4.4.2",
                    "lost connection with " + host.hostAndAddress() + " while sending " + stage + ": "
                            + e.getMessage());
        }
    }

    /** EHLO, and HELO when EHLO is refused. */
    private SmtpReply hello(SmtpClientConnection c, MailHost host) throws IOException, HostFailure {
        SmtpReply ehlo = c.command("EHLO " + settings.heloName());
        if (ehlo.positive()) {
            return ehlo;
        }
        SmtpReply helo = c.command("HELO " + settings.heloName());
        if (!helo.positive()) {
            throw new HostFailure(
                    helo.permanent() ? "4.0.0" : helo.dsn(),
                    "host " + host.hostAndAddress() + " refused to talk to me: " + helo.text()
                            + " (in reply to HELO command)");
        }
        return helo;
    }

    private static void quit(SmtpClientConnection c) {
        try {
            c.command("QUIT");
        } catch (IOException e) {
            // the transaction is over; a lost QUIT changes nothing
        }
    }

    private static String connectError(IOException e) {
        if (e instanceof ConnectException) {
            return "Connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "Connection timed out";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(SmtpClientConnection c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /** Cuts every conversation in progress (the service is stopping) and the deadline thread. */
    @Override
    public void close() {
        open.forEach(DomainDelivery::closeQuietly);
        deadlines.shutdownNow();
    }
}
