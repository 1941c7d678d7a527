package dev.maillab.mailserver.smtp;

/**
 * The SMTP listeners of this host, as Postfix's master.cf names its smtpd services: one intake (sessions, limits,
 * deliveries, log, events), and per listener only what its port promises the client.
 */
public enum SmtpService {

    /**
     * Port 25 (the lab: 2525): mail from anyone for the local domains. STARTTLS is offered, never required (RFC 3207
     * section 4: a publicly-referenced server must not), AUTH only inside TLS.
     */
    SMTP("smtp", false, false, false),

    /**
     * Port 587 (RFC 6409; the lab: 2587): Postfix's submission with {@code smtpd_tls_security_level=encrypt} and
     * {@code smtpd_sasl_auth_enable=yes}. Before STARTTLS every command but EHLO, HELO, STARTTLS, NOOP and QUIT gets
     * {@code 530 5.7.0 Must issue a STARTTLS command first} (AUTH too, as Postfix answers it); inside TLS a MAIL
     * before AUTH gets {@code 530 5.7.0 Authentication required} (RFC 4954 section 6).
     */
    SUBMISSION("submission", false, true, true),

    /**
     * Port 465 (RFC 8314 implicit TLS; the lab: 2465): the TLS handshake from the first octet, then the rules of
     * submission; there is no clear phase, so STARTTLS is not offered.
     */
    SMTPS("smtps", true, true, true);

    private final String serviceName;
    private final boolean implicitTls;
    private final boolean tlsRequired;
    private final boolean authRequired;

    SmtpService(String serviceName, boolean implicitTls, boolean tlsRequired, boolean authRequired) {
        this.serviceName = serviceName;
        this.implicitTls = implicitTls;
        this.tlsRequired = tlsRequired;
        this.authRequired = authRequired;
    }

    /** The master.cf name, for log lines. */
    public String serviceName() {
        return serviceName;
    }

    /** TLS before the greeting (SMTPS). */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** Commands other than EHLO, HELO, STARTTLS, NOOP and QUIT only inside TLS. */
    public boolean tlsRequired() {
        return tlsRequired;
    }

    /** MAIL only after a successful AUTH. */
    public boolean authRequired() {
        return authRequired;
    }
}
