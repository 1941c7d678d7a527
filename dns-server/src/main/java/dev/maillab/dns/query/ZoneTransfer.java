package dev.maillab.dns.query;

import dev.maillab.dns.zone.LoadedZone;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** AXFR (RFC 5936): SOA, every RRset, SOA again, split over as many TCP messages as it needs. */
final class ZoneTransfer {

    /** Well under the 64 KiB TCP message limit, so one large RRset still fits after a full message. */
    private static final int MESSAGE_BUDGET = 16_000;

    private ZoneTransfer() {}

    static List<byte[]> messages(LoadedZone zone, int id, Name qname, int qtype) {
        List<byte[]> messages = new ArrayList<>();
        Message message = start(id, qname, qtype, true);
        int bytes = 0;
        Iterator<RRset> rrsets = zone.zone().AXFR();
        while (rrsets.hasNext()) {
            RRset rrset = rrsets.next();
            int size = 0;
            for (Record record : rrset.rrs()) {
                size += record.getName().length() + 10 + record.rdataToWireCanonical().length;
            }
            if (bytes > 0 && bytes + size > MESSAGE_BUDGET) {
                messages.add(message.toWire());
                message = start(id, qname, qtype, false);
                bytes = 0;
            }
            for (Record record : rrset.rrs()) {
                message.addRecord(record, Section.ANSWER);
            }
            bytes += size;
        }
        messages.add(message.toWire());
        return messages;
    }

    private static Message start(int id, Name qname, int qtype, boolean withQuestion) {
        Message message = new Message(id);
        message.getHeader().setFlag(Flags.QR);
        message.getHeader().setFlag(Flags.AA);
        if (withQuestion) {
            message.addRecord(Record.newRecord(qname, qtype, DClass.IN), Section.QUESTION);
        }
        return message;
    }
}
