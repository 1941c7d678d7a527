package dev.maillab.mailserver.senderauth;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DMARC (RFC 7489): the From domain's {@code _dmarc} record (else its organizational domain's), relaxed alignment of
 * the SPF and DKIM domains with the From domain, and the policy a failure meets. The organizational domain is the
 * last two labels: the lab's domains have two, and the lab carries no public suffix list.
 */
final class DmarcCheck {

    /**
     * @param result     pass, fail, none (no From domain or no record), temperror or permerror
     * @param fromDomain the From header's domain, null for none
     * @param policy     the policy that applies to a failure (none, quarantine, reject), null without a record
     */
    record Dmarc(String result, String fromDomain, String policy) {
        boolean rejects() {
            return result.equals("fail") && "reject".equals(policy);
        }
    }

    private final LabTxtLookup dns;

    DmarcCheck(LabTxtLookup dns) {
        this.dns = dns;
    }

    Dmarc check(String fromDomain, SpfCheck.Spf spf, DkimVerification.Dkim dkim) {
        if (fromDomain == null) {
            return new Dmarc("none", null, null);
        }
        String organizational = organizational(fromDomain);
        Map<String, String> record;
        String policy;
        try {
            record = record(fromDomain);
            policy = record == null ? null : record.get("p");
            if (record == null && !organizational.equals(fromDomain)) {
                record = record(organizational);
                // a subdomain meets the organizational domain's sp=, else its p= (RFC 7489 6.6.3)
                policy = record == null ? null : record.getOrDefault("sp", record.get("p"));
            }
        } catch (LabTxtLookup.DnsUnavailable e) {
            return new Dmarc("temperror", fromDomain, null);
        }
        if (record == null) {
            return new Dmarc("none", fromDomain, null);
        }
        if (policy == null || !List.of("none", "quarantine", "reject").contains(policy)) {
            return new Dmarc("permerror", fromDomain, null);
        }
        boolean spfAligned = spf.passed()
                && spf.domain() != null
                && organizational(spf.domain()).equals(organizational);
        boolean dkimAligned =
                dkim.domains().stream().anyMatch(s -> organizational(s.domain()).equals(organizational));
        return new Dmarc(spfAligned || dkimAligned ? "pass" : "fail", fromDomain, policy);
    }

    /** The one {@code v=DMARC1} record's tags at {@code _dmarc.<domain>}; null for none (or more than one). */
    private Map<String, String> record(String domain) throws LabTxtLookup.DnsUnavailable {
        List<String> records = dns.txt("_dmarc." + domain).stream()
                .filter(r -> r.startsWith("v=DMARC1"))
                .toList();
        if (records.size() != 1) {
            return null;
        }
        Map<String, String> tags = new HashMap<>();
        for (String tag : records.get(0).split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(
                        tag.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        tag.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
            }
        }
        return tags;
    }

    static String organizational(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        int last = d.lastIndexOf('.');
        int second = last <= 0 ? -1 : d.lastIndexOf('.', last - 1);
        return second < 0 ? d : d.substring(second + 1);
    }
}
