package dev.maillab.mailserver.senderauth;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** The {@code Authentication-Results:} field (RFC 8601) this host writes, and the ones it must not let through. */
final class AuthenticationResults {

    private AuthenticationResults() {}

    /** One line, e.g. {@code mail.example.test; spf=pass smtp.mailfrom=example.local; dkim=...; dmarc=...}, CRLF. */
    static byte[] field(String authservId, SpfCheck.Spf spf, DkimVerification.Dkim dkim, DmarcCheck.Dmarc dmarc) {
        StringJoiner results = new StringJoiner("; ", "Authentication-Results: " + authservId + "; ", "\r\n");
        results.add("spf=" + spf.result() + (spf.domain() == null ? "" : " " + spf.property() + "=" + spf.domain()));
        if (dkim.domains().isEmpty()) {
            results.add("dkim=" + dkim.result() + (dkim.reason() == null ? "" : " (" + comment(dkim.reason()) + ")"));
        } else {
            for (DkimVerification.Signed s : dkim.domains()) {
                results.add("dkim=" + dkim.result() + " header.d=" + s.domain() + " header.s=" + s.selector());
            }
        }
        results.add("dmarc=" + dmarc.result()
                + (dmarc.policy() == null ? "" : " (p=" + dmarc.policy() + ")")
                + (dmarc.fromDomain() == null ? "" : " header.from=" + dmarc.fromDomain()));
        return results.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** For the delivery log line. */
    static String summary(SpfCheck.Spf spf, DkimVerification.Dkim dkim, DmarcCheck.Dmarc dmarc) {
        return "spf=" + spf.result() + " dkim=" + dkim.result() + " dmarc=" + dmarc.result();
    }

    /**
     * Whether the field is an Authentication-Results claiming to come from this host: a sender's forgery, removed
     * before the message is stored (RFC 8601 section 5).
     */
    static boolean claims(HeaderFields.Field field, String authservId) {
        if (!field.name().equals("authentication-results")) {
            return false;
        }
        String value = field.value().replaceAll("^\\s*(\\([^)]*\\)\\s*)*", "");
        int end = 0;
        while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end).equalsIgnoreCase(authservId);
    }

    /** A reason as a comment: printable ASCII without parentheses or backslashes, 100 characters at most. */
    private static String comment(String reason) {
        String clean = reason.replaceAll("[^ -~]|[()\\\\]", " ").trim();
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }
}
