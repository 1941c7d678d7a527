package dev.maillab.dns.events;

import java.util.List;

/**
 * The part of a {@code dns.query} event that the answer's bytes decide, read back from them: the same for every
 * answer with the same bytes but the ID, so it is serialized once and kept ({@link AnswerFieldsCache}).
 *
 * @param name        the question's name, absolute (trailing dot) and in the client's letter case; null when the
 *                    question could not be read (a FORMERR)
 * @param type        the question's type ({@code MX}, {@code TYPE65534}); null with the name
 * @param rcode       the response code ({@code NOERROR}, {@code NXDOMAIN}, {@code REFUSED}, ...)
 * @param tc          truncated for UDP (the client retries over TCP)
 * @param answers     the answer section as zone-file lines {@code name ttl IN TYPE data}, at most
 *                    {@code maillab.dns.event-answers} of them, then one {@code ; N more} line
 * @param answerCount records in the answer section (of every message of a zone transfer)
 */
record AnswerFields(String name, String type, String rcode, boolean tc, List<String> answers, int answerCount) {}
