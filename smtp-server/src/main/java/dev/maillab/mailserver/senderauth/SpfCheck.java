package dev.maillab.mailserver.senderauth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.SPF;
import org.xbill.DNS.Resolver;

/**
 * SPF (RFC 7208) with Apache jSPF: may this client address send for the MAIL FROM domain, or for the HELO name when
 * the sender is null.
 */
final class SpfCheck {

    /**
     * @param result   pass, fail, softfail, neutral, none, temperror or permerror
     * @param property the identity checked, for Authentication-Results: {@code smtp.mailfrom} or {@code smtp.helo}
     * @param domain   its domain (what DMARC aligns), null for none
     */
    record Spf(String result, String property, String domain) {
        boolean passed() {
            return result.equals("pass");
        }
    }

    private final SPF spf;

    SpfCheck(Resolver labDns, Duration timeout) {
        DNSServiceXBillImpl dns = new DNSServiceXBillImpl(labDns);
        int seconds = (int) Math.max(1, timeout.toSeconds());
        dns.setTimeOut(seconds);
        spf = new SPF(dns);
        spf.setTimeOut(seconds);
    }

    Spf check(InetAddress client, String helo, String sender) {
        boolean nullSender = sender == null || sender.isEmpty();
        String domain = nullSender ? helo : sender.substring(sender.lastIndexOf('@') + 1);
        String property = nullSender ? "smtp.helo" : "smtp.mailfrom";
        if (domain == null || domain.isBlank() || domain.startsWith("[")) {
            // no name to ask about (no HELO, or an address literal)
            return new Spf("none", property, null);
        }
        domain = domain.toLowerCase(Locale.ROOT);
        SPFResult result =
                spf.checkSPF(client.getHostAddress(), nullSender ? "" : sender, helo == null ? domain : helo);
        return new Spf(result.getResult().toLowerCase(Locale.ROOT), property, domain);
    }
}
