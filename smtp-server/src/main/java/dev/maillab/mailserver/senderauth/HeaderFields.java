package dev.maillab.mailserver.senderauth;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The header block of a message (CRLF) as its fields, each with its folded lines as they came. */
final class HeaderFields {

    /** One field: its name and its raw octets, continuation lines and CRLFs included. */
    record Field(String name, String raw) {
        /** The value, unfolded. */
        String value() {
            return raw.substring(raw.indexOf(':') + 1).replaceAll("\r\n", "").trim();
        }
    }

    private final List<Field> fields;
    private final int bodyStart;

    private HeaderFields(List<Field> fields, int bodyStart) {
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    static HeaderFields of(byte[] message) {
        // ISO-8859-1 maps each octet to one char, so offsets and octets survive the round trip
        String text = new String(message, StandardCharsets.ISO_8859_1);
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        StringBuilder current = null;
        while (pos < text.length()) {
            int eol = text.indexOf("\r\n", pos);
            int next = eol < 0 ? text.length() : eol + 2;
            String line = text.substring(pos, next);
            if (line.equals("\r\n")) {
                break;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation && current != null) {
                current.append(line);
            } else if (line.indexOf(':') > 0) {
                if (current != null) {
                    fields.add(field(current.toString()));
                }
                current = new StringBuilder(line);
            } else {
                break; // not a header field: the body starts here (no blank line)
            }
            pos = next;
        }
        if (current != null) {
            fields.add(field(current.toString()));
        }
        return new HeaderFields(fields, pos);
    }

    private static Field field(String raw) {
        return new Field(raw.substring(0, raw.indexOf(':')).trim().toLowerCase(Locale.ROOT), raw);
    }

    boolean has(String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }

    List<Field> named(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).toList();
    }

    /** The domain of the one From address, lower case; null when there is no From or not exactly one address. */
    String fromDomain() {
        List<Field> from = named("from");
        if (from.size() != 1) {
            return null;
        }
        try {
            InternetAddress[] addresses =
                    InternetAddress.parseHeader(from.get(0).value(), false);
            if (addresses.length != 1) {
                return null;
            }
            String address = addresses[0].getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            return at < 0 || at == address.length() - 1
                    ? null
                    : address.substring(at + 1).toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return null;
        }
    }

    /** The message without the fields the predicate names; the same array when none is. */
    static byte[] without(byte[] message, Predicate<Field> drop) {
        HeaderFields parsed = of(message);
        if (parsed.fields.stream().noneMatch(drop)) {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        for (Field f : parsed.fields) {
            if (!drop.test(f)) {
                out.writeBytes(f.raw().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.write(message, parsed.bodyStart, message.length - parsed.bodyStart);
        return out.toByteArray();
    }
}
