package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.UsersProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Maildir side: delivery (SMTP), maildrops (POP3), the mailbox API's reads and removals, the mail root's
 * free space and its health; a {@link MaildirObserver}, if the application has one, hears what POP3 and the mailbox
 * API move and remove.
 */
@Configuration(proxyBeanMethods = false)
public class MaildirConfiguration {

    @Bean
    MaildirMailStore mailStore(MaildirProperties properties) {
        return new MaildirMailStore(properties);
    }

    @Bean
    MaildirMaildropStore maildropStore(ObjectProvider<MaildirObserver> observer) {
        return new MaildirMaildropStore(observer.getIfAvailable(() -> MaildirObserver.NONE));
    }

    @Bean
    MaildirMailboxStore mailboxStore(ObjectProvider<MaildirObserver> observer) {
        return new MaildirMailboxStore(observer.getIfAvailable(() -> MaildirObserver.NONE));
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
