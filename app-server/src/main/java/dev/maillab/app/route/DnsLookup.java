package dev.maillab.app.route;

import java.util.List;

/**
 * One DNS question the resolver asked and what came back, as the console matches it to dns-server's own record of
 * the query.
 *
 * @param name    the name asked, absolute (trailing dot): {@code example.local.}
 * @param type    the record type asked: {@code MX}, {@code A}
 * @param answers each answer's data as written in a zone file ({@code 10 mail.example.local.}, {@code 127.0.0.1});
 *                empty when the lookup failed or found nothing
 */
public record DnsLookup(String name, String type, List<String> answers) {

    public DnsLookup {
        answers = List.copyOf(answers);
    }
}
