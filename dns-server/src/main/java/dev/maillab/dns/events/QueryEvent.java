package dev.maillab.dns.events;

import java.util.List;

/**
 * The fields of one {@code dns.query} event: what was asked and what was answered. The web console shows these in
 * its query log and joins them to a message's journey by name and time.
 *
 * @param client      {@code ip:port} the query came from ({@code [ip]:port} for IPv6)
 * @param transport   {@code udp} or {@code tcp}
 * @param name        the question's name, absolute (trailing dot) and in the client's letter case; null when the
 *                    query's question could not be read (a FORMERR)
 * @param type        the question's type ({@code MX}, {@code TYPE65534}); null with the name
 * @param rcode       the answer's response code ({@code NOERROR}, {@code NXDOMAIN}, {@code REFUSED}, ...)
 * @param tc          the answer was truncated for UDP (the client retries over TCP)
 * @param answers     the answer section as zone-file lines {@code name ttl IN TYPE data}; at most
 *                    {@code maillab.dns.event-answers} of them, then one {@code ; N more} line
 * @param answerCount records in the answer section (all messages of a zone transfer)
 * @param micros      from the query's arrival to its answer being ready
 */
public record QueryEvent(
        String client,
        String transport,
        String name,
        String type,
        String rcode,
        boolean tc,
        List<String> answers,
        int answerCount,
        long micros) {

    public static final String KIND = "dns.query";
}
