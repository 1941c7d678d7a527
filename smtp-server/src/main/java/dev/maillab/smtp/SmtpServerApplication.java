package dev.maillab.smtp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The "Postfix + Dovecot" host: SMTP intake, Maildir delivery and POP3 over the same Maildir. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmtpServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SmtpServerApplication.class, args);
    }
}
