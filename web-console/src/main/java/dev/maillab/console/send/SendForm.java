package dev.maillab.console.send;

import java.util.ArrayList;
import java.util.List;

/**
 * The send form as typed: recipients separated by commas, semicolons or line breaks.
 *
 * @param from    empty: app-server's configured sender
 * @param to      at least one address
 * @param cc      more addresses, may be empty
 * @param subject required by app-server
 * @param body    plain text
 */
public record SendForm(String from, String to, String cc, String subject, String body) {

    public SendForm {
        from = from == null ? "" : from.strip();
        to = to == null ? "" : to;
        cc = cc == null ? "" : cc;
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }

    public static SendForm empty() {
        return new SendForm("", "test@example.local", "", "", "");
    }

    public List<String> toList() {
        return split(to);
    }

    public List<String> ccList() {
        return split(cc);
    }

    private static List<String> split(String addresses) {
        List<String> out = new ArrayList<>();
        for (String a : addresses.split("[,;\\r\\n]+")) {
            if (!a.isBlank()) {
                out.add(a.strip());
            }
        }
        return out;
    }
}
