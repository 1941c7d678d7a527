package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.UsersProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Maildir side: delivery (SMTP), maildrops (POP3), the mailbox API's reads and removals, the mail root's
 * free space and its health.
 */
@Configuration(proxyBeanMethods = false)
public class MaildirConfiguration {

    @Bean
    MaildirMailStore mailStore(MaildirProperties properties) {
        return new MaildirMailStore(properties);
    }

    @Bean
    MaildirMaildropStore maildropStore() {
        return new MaildirMaildropStore();
    }

    @Bean
    MaildirMailboxStore mailboxStore() {
        return new MaildirMailboxStore();
    }

    @Bean
    MailRootSpace mailRootSpace(UsersProperties users, MaildirProperties properties) {
        return new MailRootSpace(users, properties);
    }

    @Bean
    MaildirHealthIndicator maildirHealthIndicator(MailRootSpace space) {
        return new MaildirHealthIndicator(space);
    }
}
