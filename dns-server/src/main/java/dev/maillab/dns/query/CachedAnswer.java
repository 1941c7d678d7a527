package dev.maillab.dns.query;

/**
 * An answer in wire form with ID 0 and the question as first asked; only the ID, the RD bit and the question's
 * letter case are patched per query.
 *
 * @param full      the whole answer (always sent over TCP; over UDP when it fits)
 * @param truncated header with TC, question and OPT only, for UDP clients whose limit the full answer exceeds
 * @param rcode     for metrics
 */
record CachedAnswer(byte[] full, byte[] truncated, int rcode) {

    byte[] forQuery(byte[] query, int questionEnd, int udpLimit) {
        byte[] template = full.length <= udpLimit ? full : truncated;
        byte[] reply = template.clone();
        reply[0] = query[0];
        reply[1] = query[1];
        reply[2] = (byte) ((reply[2] & ~0x01) | (query[2] & 0x01)); // RD is echoed
        // echo the name exactly as asked (0x20 letter-case randomisation); the length is the same
        System.arraycopy(query, WireQuery.HEADER, reply, WireQuery.HEADER, questionEnd - WireQuery.HEADER - 4);
        return reply;
    }
}
