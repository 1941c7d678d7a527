package dev.maillab.mailserver.senderauth;

import dev.maillab.mailserver.dns.ReverseLookupProperties;
import dev.maillab.mailserver.smtp.SenderAuthentication;
import dev.maillab.mailserver.smtp.SmtpProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires proof of sender (maillab.smtp.sender-auth.*): the DKIM keys of the local domains from the key directory, and
 * the checks of inbound mail against the DNS server of {@code maillab.smtp.resolver}.
 */
@Configuration(proxyBeanMethods = false)
public class SenderAuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SenderAuthConfiguration.class);

    @Bean
    SenderAuthentication labSenderAuthentication(
            SenderAuthProperties properties, SmtpProperties smtp, ReverseLookupProperties dns) throws IOException {
        DkimKeys keys = DkimKeys.load(properties.dkimDirectory(), properties.dkimSelector(), smtp.domains());
        if (!keys.domains().containsAll(smtp.domains())) {
            log.warn(
                    "DKIM: no key {}/<domain>.{}.pem for some of {}: their mail is not signed (signing for {})",
                    properties.dkimDirectory().toAbsolutePath(),
                    properties.dkimSelector(),
                    smtp.domains(),
                    keys.domains());
        }
        InetSocketAddress server = dns.dnsServer();
        LabSenderAuthentication.Checks checks = null;
        if (!properties.checkInbound()) {
            log.info("SPF, DKIM and DMARC checks of inbound mail are off (maillab.smtp.sender-auth.check-inbound)");
        } else if (server == null) {
            log.warn("SPF, DKIM and DMARC checks are off: maillab.smtp.resolver names no DNS server, and they ask"
                    + " only the lab's");
        } else {
            LabTxtLookup txt = new LabTxtLookup(server, properties.dnsTimeout());
            checks = new LabSenderAuthentication.Checks(
                    new SpfCheck(txt.resolver(), properties.dnsTimeout()),
                    new DkimVerification(txt),
                    new DmarcCheck(txt));
        }
        return new LabSenderAuthentication(
                smtp.hostname(), new DkimSigning(keys, properties.dkimSelector()), checks, properties.dmarcEnforce());
    }
}
