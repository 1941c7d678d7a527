package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Decides each RCPT. Local domains: users and aliases are accepted, postmaster always (RFC 5321 4.5.1), anyone
 * else is unknown. The lab's other domains ({@link Outbound#isLabDomain}) are relayed for a client that
 * authenticated or connects from a trusted network, refused for anyone else. Every domain outside the lab is
 * refused, authenticated or not: nothing ever leaves the lab.
 */
public final class RecipientPolicy {

    private static final String POSTMASTER = "postmaster";

    private final SmtpProperties properties;
    private final UserDirectory users;

    private final Outbound outbound;

    public RecipientPolicy(SmtpProperties properties, UserDirectory users) {
        this(properties, users, Outbound.NONE);
    }

    public RecipientPolicy(SmtpProperties properties, UserDirectory users, Outbound outbound) {
        this.properties = properties;
        this.users = users;
        this.outbound = outbound;
    }

    /**
     * Who asks: what decides whether a lab domain is relayed.
     *
     * @param address           the client's address (trusted networks)
     * @param authenticatedUser the user of a successful AUTH in this session, null without one
     */
    public record Client(InetAddress address, String authenticatedUser) {

        public boolean authenticated() {
            return authenticatedUser != null;
        }
    }

    public sealed interface Decision permits Accept, Relay, Reject {}

    /** For another lab domain: queued and delivered by MX. */
    public record Relay(String address, String domain) implements Decision {}

    /** @param finalAddresses one "user@domain" per user, the address Delivered-To names */
    public record Accept(List<MailUser> users, List<String> finalAddresses) implements Decision {}

    /** @param reply the whole reply line, code first */
    public record Reject(String reply, Reason reason) implements Decision {

        public int code() {
            return Integer.parseInt(reply.substring(0, 3));
        }

        public String text() {
            return reply.substring(4);
        }
    }

    public Decision decide(String address, Client client) {
        int at = address.lastIndexOf('@');
        String local;
        String domain;
        if (at < 0) {
            if (!address.equalsIgnoreCase(POSTMASTER) || properties.domains().isEmpty()) {
                return new Reject(
                        "504 5.5.2 <" + address + ">: Recipient address rejected: need fully-qualified address",
                        Reason.BAD_ADDRESS);
            }
            local = POSTMASTER;
            domain = properties.domains().get(0);
        } else {
            local = address.substring(0, at);
            domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
            if (local.isEmpty()) {
                return relayDenied(address);
            }
            if (!properties.isLocalDomain(domain)) {
                return relay(address, domain, client);
            }
        }
        String localPart = local.toLowerCase(Locale.ROOT);
        List<MailUser> found = users.resolveRecipient(localPart);
        if (found.isEmpty()) {
            if (localPart.equals(POSTMASTER)) {
                // RFC 5321 requires postmaster; with no user behind it the fault is ours, so ask to retry
                return new Reject(
                        "451 4.3.0 <" + address + ">: Temporary lookup failure: no user for postmaster",
                        Reason.UNKNOWN_USER);
            }
            return new Reject(
                    "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown in local"
                            + " recipient table",
                    Reason.UNKNOWN_USER);
        }
        List<String> finals = found.stream().map(u -> u.name() + "@" + domain).toList();
        return new Accept(found, finals);
    }

    private Decision relay(String address, String domain, Client client) {
        if (!outbound.isLabDomain(domain)) {
            return relayDenied(address);
        }
        if (!client.authenticated() && !outbound.trusts(client.address())) {
            return relayDenied(address);
        }
        if (!outbound.hasRoom()) {
            return new Reject("452 4.3.1 <" + address + ">: Insufficient system storage", Reason.STORAGE_FULL);
        }
        return new Relay(address, domain);
    }

    private static Reject relayDenied(String address) {
        return new Reject("554 5.7.1 <" + address + ">: Relay access denied", Reason.RELAY_DENIED);
    }
}
