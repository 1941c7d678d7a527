package dev.maillab.mailserver.senderauth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Proof of sender ({@code maillab.smtp.sender-auth.*}): the DKIM keys this server signs with, and what it does with a
 * DMARC failure. The DNS server asked for SPF, DKIM keys and DMARC records is {@code maillab.smtp.resolver}'s.
 *
 * @param dkimDirectory the private keys, one PEM (PKCS#8) file {@code <domain>.<selector>.pem} per local domain; a
 *                      local domain without one is not signed for
 * @param dkimSelector  the selector ({@code s=}) signatures name: the public key is the TXT record
 *                      {@code <selector>._domainkey.<domain>}
 * @param dmarcEnforce  false: every result is recorded and the message delivered; true: a message whose From domain
 *                      publishes {@code p=reject} and that fails DMARC gets {@code 550 5.7.1} at the end of DATA
 * @param dnsTimeout    one DNS query (SPF, DKIM key, DMARC record); no answer is a {@code temperror}
 * @param checkInbound  check SPF, DKIM and DMARC of mail delivered here (false: no Authentication-Results, no
 *                      lookups; signing stays): the bench turns it off to compare with a Postfix that checks nothing
 */
@ConfigurationProperties("maillab.smtp.sender-auth")
public record SenderAuthProperties(
        @DefaultValue("config/dkim") Path dkimDirectory,
        @DefaultValue("lab") String dkimSelector,
        @DefaultValue("false") boolean dmarcEnforce,
        @DefaultValue("5s") Duration dnsTimeout,
        @DefaultValue("true") boolean checkInbound) {

    public SenderAuthProperties {
        if (!dkimSelector.matches("[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9][A-Za-z0-9-]*)*")) {
            throw new IllegalArgumentException(
                    "maillab.smtp.sender-auth.dkim-selector is no DNS label: " + dkimSelector);
        }
        if (dnsTimeout.isNegative() || dnsTimeout.isZero()) {
            throw new IllegalArgumentException("maillab.smtp.sender-auth.dns-timeout must be positive");
        }
    }
}
