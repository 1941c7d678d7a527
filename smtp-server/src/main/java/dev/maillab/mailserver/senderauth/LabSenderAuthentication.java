package dev.maillab.mailserver.senderauth;

import dev.maillab.mailserver.smtp.SenderAuthentication;

/**
 * The lab's proof of sender: DKIM signatures on what this server sends on, and on what it delivers SPF, DKIM and
 * DMARC in one Authentication-Results field and the log line; a DMARC reject is enforced when the setting says so.
 * Without the lab's DNS server ({@code checks} null) nothing is checked: the system resolver is never asked.
 */
final class LabSenderAuthentication implements SenderAuthentication {

    /** What the checks of inbound mail need: the lab's DNS server behind each. */
    record Checks(SpfCheck spf, DkimVerification dkim, DmarcCheck dmarc) {}

    private final String hostname;
    private final DkimSigning signing;
    private final Checks checks;
    private final boolean enforce;

    LabSenderAuthentication(String hostname, DkimSigning signing, Checks checks, boolean enforce) {
        this.hostname = hostname;
        this.signing = signing;
        this.checks = checks;
        this.enforce = enforce;
    }

    @Override
    public byte[] sign(String sender, byte[] message) {
        return signing.sign(sender, message);
    }

    @Override
    public Verdict check(Arrival arrival) {
        byte[] message = HeaderFields.without(arrival.message(), f -> AuthenticationResults.claims(f, hostname));
        if (checks == null) {
            return new Verdict(new byte[0], message, null, null);
        }
        SpfCheck.Spf spf = checks.spf().check(arrival.client(), arrival.helo(), arrival.sender());
        DkimVerification.Dkim dkim = checks.dkim().verify(arrival.message());
        DmarcCheck.Dmarc dmarc =
                checks.dmarc().check(HeaderFields.of(arrival.message()).fromDomain(), spf, dkim);
        String rejection = enforce && dmarc.rejects()
                ? "5.7.1 Message rejected: it fails the DMARC policy (p=reject) of " + dmarc.fromDomain()
                : null;
        return new Verdict(
                AuthenticationResults.field(hostname, spf, dkim, dmarc),
                message,
                AuthenticationResults.summary(spf, dkim, dmarc),
                rejection);
    }
}
