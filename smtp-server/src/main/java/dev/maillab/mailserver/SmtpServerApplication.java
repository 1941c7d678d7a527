package dev.maillab.mailserver;

import dev.maillab.mailserver.tls.TlsPolicy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The "Postfix + Dovecot" host: SMTP intake, Maildir delivery and POP3 over the same Maildir. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmtpServerApplication {

    public static void main(String[] args) {
        // before any TLS class loads: the JDK reads it once per process
        TlsPolicy.rejectClientRenegotiation();
        SpringApplication.run(SmtpServerApplication.class, args);
    }
}
