package dev.maillab.mailserver.senderauth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

/** Verifies a message's DKIM signatures with jDKIM, the public keys from the lab's DNS server. */
final class DkimVerification {

    /**
     * @param result  pass, fail, none (no signature), temperror (no key for now) or permerror
     * @param domains the d= of the signatures that passed
     * @param reason  why it failed, null when it did not
     */
    record Dkim(String result, List<Signed> domains, String reason) {}

    /** One passing signature: its d= and s=. */
    record Signed(String domain, String selector) {}

    private final DKIMVerifier verifier;

    DkimVerification(LabTxtLookup dns) {
        verifier = new DKIMVerifier((method, selector, token) -> {
            try {
                return dns.txt(selector + "._domainkey." + token);
            } catch (LabTxtLookup.DnsUnavailable e) {
                throw new TempFailException(e.getMessage());
            }
        });
    }

    Dkim verify(byte[] message) {
        if (!HeaderFields.of(message).has("dkim-signature")) {
            return new Dkim("none", List.of(), null);
        }
        try {
            List<SignatureRecord> passed = verifier.verify(new ByteArrayInputStream(message));
            if (passed == null || passed.isEmpty()) {
                return new Dkim("fail", List.of(), "no valid signature");
            }
            return new Dkim(
                    "pass",
                    passed.stream()
                            .map(r -> new Signed(
                                    r.getDToken().toString().toLowerCase(Locale.ROOT),
                                    r.getSelector().toString()))
                            .toList(),
                    null);
        } catch (TempFailException e) {
            return new Dkim("temperror", List.of(), e.getMessage());
        } catch (PermFailException e) {
            return new Dkim("fail", List.of(), e.getMessage());
        } catch (FailException | IOException | RuntimeException e) {
            return new Dkim("fail", List.of(), String.valueOf(e.getMessage()));
        }
    }
}
