package dev.maillab.dns.query;

/**
 * Error answers (FORMERR, NOTIMP, REFUSED, SERVFAIL) built from the query's own bytes: header with the same ID,
 * opcode and RD, the question when it could be read, and an OPT record when the query had one.
 */
final class ErrorReplies {

    /** Root name, type OPT, our UDP payload size, no extended rcode, version 0, no flags, no options. */
    private static final int OPT_LENGTH = 11;

    private ErrorReplies() {}

    static byte[] of(byte[] query, int questionEnd, int rcode, boolean edns, int ednsPayload) {
        int question = questionEnd > WireQuery.HEADER ? questionEnd - WireQuery.HEADER : 0;
        byte[] reply = new byte[WireQuery.HEADER + question + (edns ? OPT_LENGTH : 0)];
        reply[0] = query[0];
        reply[1] = query[1];
        reply[2] = (byte) (0x80 | (query[2] & 0x79)); // QR, keep opcode and RD; AA and TC clear
        reply[3] = (byte) (rcode & 0x0f);
        reply[5] = (byte) (question > 0 ? 1 : 0);
        reply[11] = (byte) (edns ? 1 : 0);
        System.arraycopy(query, WireQuery.HEADER, reply, WireQuery.HEADER, question);
        if (edns) {
            int at = WireQuery.HEADER + question;
            reply[at + 2] = 41;
            reply[at + 3] = (byte) (ednsPayload >> 8);
            reply[at + 4] = (byte) ednsPayload;
        }
        return reply;
    }
}
