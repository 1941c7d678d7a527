package dev.maillab.dns.query;

/**
 * Reads the header, the question and a plain EDNS OPT record straight from the packet bytes, without building
 * dnsjava objects: this is the path every ordinary query takes. Anything unusual (compressed question name,
 * answer/authority records in a query, EDNS version other than 0) is marked {@link Outcome#UNUSUAL} and handed to
 * dnsjava's full parser instead.
 */
final class WireQuery {

    enum Outcome {
        OK,
        DROP,
        FORMERR,
        NOTIMP,
        UNUSUAL
    }

    static final int HEADER = 12;
    private static final int MAX_NAME = 255;
    private static final int TYPE_OPT = 41;

    Outcome outcome;
    int id;
    int opcode;
    boolean recursionDesired;
    /** The question name in wire form, lower-cased ASCII; valid for [0, nameLength). */
    final byte[] lowerName = new byte[MAX_NAME];

    int nameLength;
    int qtype;
    int qclass;
    /** Offset just after the question, or -1 when the question could not be read. */
    int questionEnd = -1;

    boolean edns;
    int ednsPayload;
    boolean dnssecOk;

    static WireQuery parse(byte[] packet, int length) {
        WireQuery query = new WireQuery();
        query.outcome = query.read(packet, length);
        return query;
    }

    private Outcome read(byte[] p, int length) {
        if (length < HEADER) {
            return Outcome.DROP;
        }
        id = u16(p, 0);
        int flags = u16(p, 2);
        if ((flags & 0x8000) != 0) {
            return Outcome.DROP; // a response: answering it could start a loop between two servers
        }
        opcode = (flags >> 11) & 0xf;
        recursionDesired = (flags & 0x0100) != 0;
        int qdcount = u16(p, 4);
        int ancount = u16(p, 6);
        int nscount = u16(p, 8);
        int arcount = u16(p, 10);
        if (qdcount == 1) {
            readQuestion(p, length);
        }
        if (opcode != 0) {
            return Outcome.NOTIMP;
        }
        if (qdcount != 1) {
            return Outcome.FORMERR;
        }
        if (questionEnd < 0) {
            return nameLength < 0 ? Outcome.UNUSUAL : Outcome.FORMERR;
        }
        if (ancount != 0 || nscount != 0 || arcount > 1) {
            return Outcome.UNUSUAL;
        }
        if (arcount == 0) {
            return questionEnd == length ? Outcome.OK : Outcome.FORMERR; // trailing garbage, as BIND says
        }
        return readOpt(p, questionEnd, length);
    }

    private void readQuestion(byte[] p, int length) {
        int at = HEADER;
        int out = 0;
        while (true) {
            if (at >= length) {
                return;
            }
            int label = p[at] & 0xff;
            if (label == 0) {
                lowerName[out++] = 0;
                at++;
                break;
            }
            if ((label & 0xc0) != 0) {
                nameLength = -1; // a compression pointer in the question: legal but rare, let dnsjava read it
                return;
            }
            if (at + 1 + label > length || out + 1 + label + 1 > MAX_NAME) {
                return;
            }
            lowerName[out++] = (byte) label;
            for (int i = 1; i <= label; i++) {
                byte b = p[at + i];
                lowerName[out++] = (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
            }
            at += 1 + label;
        }
        if (at + 4 > length) {
            return;
        }
        nameLength = out;
        qtype = u16(p, at);
        qclass = u16(p, at + 2);
        questionEnd = at + 4;
    }

    private Outcome readOpt(byte[] p, int at, int length) {
        if (at + 11 > length || p[at] != 0 || u16(p, at + 1) != TYPE_OPT) {
            return Outcome.UNUSUAL;
        }
        int payload = u16(p, at + 3);
        int version = p[at + 6] & 0xff;
        int flags = u16(p, at + 7);
        int rdlength = u16(p, at + 9);
        if (at + 11 + rdlength != length) {
            return Outcome.FORMERR; // OPT data shorter or longer than the packet
        }
        if (!optionsFit(p, at + 11, length)) {
            return Outcome.FORMERR; // an option whose length runs past the OPT data
        }
        if (version != 0) {
            return Outcome.UNUSUAL; // BADVERS: dnsjava builds that answer
        }
        edns = true;
        ednsPayload = payload;
        dnssecOk = (flags & 0x8000) != 0;
        return Outcome.OK; // well-formed EDNS options (cookies, padding) are ignored, which RFC 6891 allows
    }

    /** The options (code, length, data) tile [at, end) exactly; their content is not looked at. */
    private static boolean optionsFit(byte[] p, int at, int end) {
        while (at < end) {
            if (at + 4 > end) {
                return false;
            }
            at += 4 + u16(p, at + 2);
        }
        return at == end;
    }

    static int u16(byte[] p, int at) {
        return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
    }
}
