package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import java.util.List;
import java.util.Locale;

/**
 * Decides each RCPT: this server is a final destination, never a relay. Local domains only (also for
 * authenticated clients); there, users and aliases are accepted, postmaster always (RFC 5321 4.5.1),
 * anyone else is unknown.
 *
 * <p>The seam for relaying: {@link #decide(String, String)} is told who the session authenticated as (SASL, after
 * TLS, on any listener: submission and SMTPS require it before MAIL, port 25 allows it). Today that changes nothing;
 * it is where "relay between lab domains for authenticated users" is to be decided.
 */
public final class RecipientPolicy {

    private static final String POSTMASTER = "postmaster";

    private final SmtpProperties properties;
    private final UserDirectory users;

    public RecipientPolicy(SmtpProperties properties, UserDirectory users) {
        this.properties = properties;
        this.users = users;
    }

    public sealed interface Decision permits Accept, Reject {}

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

    /** As for a client that did not authenticate. */
    public Decision decide(String address) {
        return decide(address, null);
    }

    /**
     * @param authenticatedUser the SASL identity of the session (AUTH after TLS), null when it did not authenticate;
     *                          not consulted yet (no relaying, see the class comment)
     */
    public Decision decide(String address, String authenticatedUser) {
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
            if (local.isEmpty() || !properties.isLocalDomain(domain)) {
                return new Reject("554 5.7.1 <" + address + ">: Relay access denied", Reason.RELAY_DENIED);
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
}
