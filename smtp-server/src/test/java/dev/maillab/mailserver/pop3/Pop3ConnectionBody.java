package dev.maillab.mailserver.pop3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Undoes dot-stuffing of multi-line reply lines (RFC 1939 section 3). */
final class Pop3ConnectionBody {

    private Pop3ConnectionBody() {}

    static byte[] join(List<String> stuffedLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String l : stuffedLines) {
            String line = l.startsWith(".") ? l.substring(1) : l;
            out.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }
}
