package dev.maillab.app.compose;

import dev.maillab.app.config.AppProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParseException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses, before anything is sent, every request that would make an incorrect or dangerous message: a missing
 * sender, recipient or subject, an address that is not a plain {@code local@domain} mailbox, CR or LF in any
 * header field (header injection), recipients in more than one domain when the message goes to their MX itself,
 * or anything beyond the named limits.
 * All problems are collected, so the caller sees them at once.
 */
public class MailRequestValidator {

    /** No header field's text may be longer than a header line may be (RFC 5322 2.1.1). */
    static final int MAX_HEADER_TEXT = 998;

    private final AppProperties.Limits limits;
    private final String defaultFrom;
    private final boolean oneRecipientDomain;

    /** For mail delivered to the recipients' MX: all recipients must be in one domain. */
    public MailRequestValidator(AppProperties.Limits limits, String defaultFrom) {
        this(limits, defaultFrom, true);
    }

    /**
     * @param oneRecipientDomain true when the message goes to its recipients' MX (one domain, one transaction);
     *                           false when it is submitted to the sender's own mail server, which routes each
     *                           recipient itself
     */
    public MailRequestValidator(AppProperties.Limits limits, String defaultFrom, boolean oneRecipientDomain) {
        this.limits = limits;
        this.defaultFrom = defaultFrom;
        this.oneRecipientDomain = oneRecipientDomain;
    }

    public ValidatedMail validate(MailRequest request) {
        List<String> errors = new ArrayList<>();

        String fromText = request.from() == null || request.from().isBlank() ? defaultFrom : request.from();
        InternetAddress from = address("from", fromText, errors);

        if (request.to().isEmpty()) {
            errors.add("to: at least one recipient is required");
        }
        List<InternetAddress> to = addresses("to", request.to(), errors);
        List<InternetAddress> cc = addresses("cc", request.cc(), errors);
        if (request.to().size() + request.cc().size() > limits.maxRecipients()) {
            errors.add("to/cc: more than " + limits.maxRecipients() + " recipients");
        }

        String subject = request.subject();
        if (subject == null || subject.isBlank()) {
            errors.add("subject: required");
        } else {
            if (headerText("subject", subject, errors) && subject.length() > limits.maxSubjectLength()) {
                errors.add("subject: longer than " + limits.maxSubjectLength() + " characters");
            }
        }
        if (request.body().length() > limits.maxBodyChars()) {
            errors.add("body: longer than " + limits.maxBodyChars() + " characters");
        }

        List<ValidatedMail.DecodedAttachment> attachments = attachments(request.attachments(), errors);

        Set<String> domains = new LinkedHashSet<>();
        to.forEach(a -> domains.add(domainOf(a)));
        cc.forEach(a -> domains.add(domainOf(a)));
        if (oneRecipientDomain && domains.size() > 1) {
            // one message goes to one MX: several domains would need several transactions with separate outcomes
            errors.add("to/cc: all recipients must be in one domain (found " + String.join(", ", domains)
                    + "); send one message per domain");
        }

        if (!errors.isEmpty()) {
            throw new InvalidMailException(errors);
        }
        return new ValidatedMail(
                from,
                to,
                cc,
                subject,
                request.body(),
                attachments,
                oneRecipientDomain || from == null ? domains.iterator().next() : domainOf(from));
    }

    private List<InternetAddress> addresses(String field, List<String> texts, List<String> errors) {
        List<InternetAddress> result = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            InternetAddress a = address(field + "[" + i + "]", texts.get(i), errors);
            if (a != null) {
                result.add(a);
            }
        }
        return result;
    }

    /** One mailbox, {@code local@domain} or {@code Name <local@domain>}, ASCII address, any display name. */
    private InternetAddress address(String field, String text, List<String> errors) {
        if (text == null || text.isBlank()) {
            errors.add(field + ": empty address");
            return null;
        }
        if (!headerText(field, text, errors)) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(text, true);
            if (parsed.length != 1 || parsed[0].isGroup()) {
                errors.add(field + ": exactly one mailbox expected: " + abbreviate(text));
                return null;
            }
            InternetAddress a = parsed[0];
            a.validate();
            String address = a.getAddress();
            int at = address.lastIndexOf('@');
            if (at <= 0 || at == address.length() - 1) {
                errors.add(field + ": not local@domain: " + abbreviate(text));
                return null;
            }
            // RFC 5321 4.5.3.1: a path holds at most 256 octets with its brackets, a local part at most 64
            if (address.length() > 254 || at > 64) {
                errors.add(field + ": address longer than 254 characters or local part longer than 64: "
                        + abbreviate(text));
                return null;
            }
            if (!address.chars().allMatch(c -> c > 32 && c < 127)) {
                errors.add(field + ": non-ASCII address (SMTPUTF8 is not used): " + abbreviate(text));
                return null;
            }
            String domain = address.substring(at + 1);
            if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
                errors.add(field + ": invalid domain: " + abbreviate(text));
                return null;
            }
            // rebuilt so the display name is written as UTF-8 encoded-words when it is not ASCII
            return a.getPersonal() == null
                    ? new InternetAddress(address)
                    : new InternetAddress(address, a.getPersonal(), "UTF-8");
        } catch (AddressException e) {
            errors.add(field + ": invalid address: " + abbreviate(text) + " (" + abbreviate(e.getMessage()) + ")");
            return null;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CR or LF would end the header line and let the caller write headers of their own. */
    private static boolean headerText(String field, String text, List<String> errors) {
        if (text.length() > MAX_HEADER_TEXT) {
            errors.add(field + ": longer than " + MAX_HEADER_TEXT + " characters");
            return false;
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            errors.add(field + ": CR/LF not allowed in a header field (header injection)");
            return false;
        }
        if (text.chars().anyMatch(c -> (c < 32 && c != '\t') || c == 127)) {
            errors.add(field + ": control characters not allowed in a header field");
            return false;
        }
        return true;
    }

    private List<ValidatedMail.DecodedAttachment> attachments(List<MailRequest.Attachment> list, List<String> errors) {
        if (list.size() > limits.maxAttachments()) {
            errors.add("attachments: more than " + limits.maxAttachments());
            return List.of();
        }
        List<ValidatedMail.DecodedAttachment> result = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            String field = "attachments[" + i + "]";
            MailRequest.Attachment a = list.get(i);
            if (a == null) {
                errors.add(field + ": null");
                continue;
            }
            if (a.filename() == null || a.filename().isBlank()) {
                errors.add(field + ".filename: required");
                continue;
            }
            if (!headerText(field + ".filename", a.filename(), errors)) {
                continue;
            }
            String type =
                    a.contentType() == null || a.contentType().isBlank() ? "application/octet-stream" : a.contentType();
            if (!headerText(field + ".contentType", type, errors)) {
                continue;
            }
            try {
                new ContentType(type);
            } catch (ParseException e) {
                errors.add(field + ".contentType: invalid: " + abbreviate(type));
                continue;
            }
            byte[] content = a.content() == null ? new byte[0] : a.content();
            total += content.length;
            result.add(new ValidatedMail.DecodedAttachment(a.filename(), type, content));
        }
        if (total > limits.maxAttachmentBytes()) {
            errors.add("attachments: more than " + limits.maxAttachmentBytes() + " bytes together");
        }
        return result;
    }

    /** What an error repeats of the caller's text: enough to recognise it, never a megabyte. */
    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "... (" + text.length() + " characters)" : text;
    }

    static String domainOf(InternetAddress a) {
        String address = a.getAddress();
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
