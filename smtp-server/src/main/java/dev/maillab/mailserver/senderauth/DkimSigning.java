package dev.maillab.mailserver.senderauth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Signs with jDKIM: rsa-sha256, relaxed/relaxed, d= the From domain when it is one of this server's (else the MAIL
 * FROM domain when that is), s= the selector, h= those of the usual fields the message has.
 */
final class DkimSigning {

    /** What a reader sees and a forger would change; From is signed always (RFC 6376 5.4). */
    static final List<String> SIGNED_FIELDS =
            List.of("from", "to", "subject", "date", "message-id", "mime-version", "content-type");

    private final DkimKeys keys;
    private final String selector;

    DkimSigning(DkimKeys keys, String selector) {
        this.keys = keys;
        this.selector = selector;
    }

    /** The DKIM-Signature field with CRLF, or nothing when neither domain has a key here. */
    byte[] sign(String sender, byte[] message) {
        HeaderFields fields = HeaderFields.of(message);
        String domain = signingDomain(fields.fromDomain(), domainOf(sender));
        if (domain == null) {
            return new byte[0];
        }
        PrivateKey key = keys.forDomain(domain).orElseThrow();
        List<String> signed = new ArrayList<>();
        for (String name : SIGNED_FIELDS) {
            if (name.equals("from") || fields.has(name)) {
                signed.add(name);
            }
        }
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; h="
                + String.join(":", signed) + "; bh=; b=;";
        try {
            String field = new DKIMSigner(template, key).sign(new ByteArrayInputStream(message));
            return (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
        } catch (IOException | FailException e) {
            // unsigned mail still goes; the receiver's DKIM says none
            return new byte[0];
        }
    }

    private String signingDomain(String fromDomain, String senderDomain) {
        for (String candidate : new String[] {fromDomain, senderDomain}) {
            if (candidate != null && keys.forDomain(candidate).isPresent()) {
                return candidate.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String domainOf(String address) {
        if (address == null || address.indexOf('@') < 0) {
            return null;
        }
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
