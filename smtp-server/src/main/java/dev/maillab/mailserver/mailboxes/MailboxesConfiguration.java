package dev.maillab.mailserver.mailboxes;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.maildir.MailboxStore;
import dev.maillab.mailserver.smtp.SmtpProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the mailbox API (maillab.mailboxes.*): the service over the user directory and the Maildir store, and the
 * guard of every {@code /api/} request. The controller and its problems are found by the component scan.
 */
@Configuration(proxyBeanMethods = false)
public class MailboxesConfiguration implements WebMvcConfigurer {

    @Bean
    MailboxService mailboxService(
            UserDirectory users, MailboxStore store, MailboxesProperties properties, SmtpProperties smtp) {
        // the users' addresses are at the first local domain, as RecipientPolicy sends postmaster@ there
        String domain =
                smtp.domains().isEmpty() ? smtp.hostname() : smtp.domains().get(0);
        return new MailboxService(users, store, properties, domain);
    }

    /**
     * An encoded "/" or "\\" in a name reaches the name check, which answers 400 with a problem, rather than Tomcat's
     * HTML 400: passed through still encoded, the path keeps its segments and only the path variable is decoded.
     */
    @Bean
    TomcatConnectorCustomizer encodedSeparatorsReachTheNameCheck() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiRequestGuard()).addPathPatterns("/api/**");
    }
}
