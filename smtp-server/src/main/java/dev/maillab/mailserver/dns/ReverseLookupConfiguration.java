package dev.maillab.mailserver.dns;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the resolver for client names from {@code maillab.smtp.resolver}. */
@Configuration(proxyBeanMethods = false)
public class ReverseLookupConfiguration {

    @Bean
    ReverseResolver reverseResolver(ReverseLookupProperties properties) {
        if (properties.resolver().isBlank()) {
            return new SystemReverseResolver();
        }
        return new DnsReverseResolver(
                properties.dnsServer(),
                properties.reverseLookup().timeout(),
                properties.reverseLookup().cacheTtl());
    }
}
