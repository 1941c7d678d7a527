package dev.maillab.mailserver.fault;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the fault rules ({@code maillab.smtp.faults.*}): the {@link dev.maillab.mailserver.smtp.SmtpFaults} the intake asks. */
@Configuration(proxyBeanMethods = false)
public class FaultConfiguration {

    @Bean
    FaultRules faultRules(FaultProperties properties) {
        return new FaultRules(properties);
    }
}
