package dev.maillab.mailserver.tls;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lab CA and the server certificate it signs ({@code maillab.tls.*}), shared by SMTP STARTTLS and POP3 STLS.
 *
 * @param enabled         offer STARTTLS and STLS (SMTP AUTH is only offered after STARTTLS); false makes no CA and
 *                        no key store
 * @param directory       holds {@code ca.p12} (the CA's key, 0600), {@code ca.pem} (what clients trust,
 *                        world-readable) and {@code <hostname>.p12} (the server's key and chain, 0600); made on
 *                        first start. Unset = {@code <maillab.users.mail-root>/.tls}, so a container keeps its CA in
 *                        the mail volume; the launcher sets {@code $MAILLAB_HOME/tls}
 * @param subjectAltNames names and IP addresses the server certificate is valid for, besides
 *                        {@code maillab.smtp.hostname}; an entry that is an IP literal becomes an IP SAN
 * @param password        password of both key stores
 */
@ConfigurationProperties(TlsProperties.PREFIX)
public record TlsProperties(
        @DefaultValue("true") boolean enabled,
        Path directory,

        @DefaultValue({
            "mail.example.local",
            "smtp-server.example.local",
            "smtp-server",
            "localhost",
            "127.0.0.1",
            "172.19.0.3"
        })
        List<String> subjectAltNames,

        @DefaultValue("changeit") String password) {

    public static final String PREFIX = "maillab.tls";

    public TlsProperties {
        subjectAltNames = subjectAltNames.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** These settings with {@code directory} defaulted to {@code <mailRoot>/.tls} when it is unset. */
    public TlsProperties locatedUnder(Path mailRoot) {
        return directory != null
                ? this
                : new TlsProperties(enabled, mailRoot.resolve(".tls"), subjectAltNames, password);
    }
}
