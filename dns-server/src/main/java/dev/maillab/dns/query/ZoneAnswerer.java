package dev.maillab.dns.query;

import dev.maillab.dns.zone.LoadedZone;
import dev.maillab.dns.zone.ZoneSnapshot;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;

/**
 * The authoritative answering logic: one question against the snapshot's zones, as a dnsjava {@link Message}
 * (ID 0, no OPT; the caller adds those). CNAMEs are followed while the target stays inside our zones; MX, NS and
 * SRV targets' addresses go into ADDITIONAL; negative answers carry the zone's SOA in AUTHORITY.
 */
final class ZoneAnswerer {

    private static final int MAX_CHAIN = 8;
    /** RFC 8482 6: long-lived, so resolvers keep the synthesized answer rather than ask again. */
    private static final long ANY_HINFO_TTL = 3600;

    private ZoneAnswerer() {}

    /** Returns null when no zone of the snapshot contains the name (the caller refuses or forwards). */
    static Message answer(ZoneSnapshot snapshot, Name qname, int qtype, int qclass) {
        LoadedZone zone = snapshot.zoneFor(qname);
        if (zone == null) {
            return null;
        }
        Message message = new Message(0);
        message.getHeader().setFlag(Flags.QR);
        message.getHeader().setFlag(Flags.AA);
        message.addRecord(Record.newRecord(qname, qtype, qclass), Section.QUESTION); // class as asked (IN or ANY)

        Set<Name> additionalTargets = new LinkedHashSet<>();
        Set<Name> visited = new HashSet<>();
        Name name = qname;
        for (int hop = 0; hop < MAX_CHAIN && visited.add(name); hop++) {
            SetResponse response = zone.zone().findRecords(name, qtype);
            if (response.isSuccessful()) {
                for (RRset rrset : response.answers()) {
                    addRRset(message, rrset, Section.ANSWER);
                    collectTargets(rrset, additionalTargets);
                }
                break;
            }
            if (response.isCNAME() || response.isDNAME()) {
                Name target;
                if (response.isCNAME()) {
                    // dnsjava keeps the matched RRset in getNS() for every kind of response
                    addRRset(message, response.getNS(), Section.ANSWER);
                    target = response.getCNAME().getTarget();
                } else {
                    DNAMERecord dname = response.getDNAME();
                    addRRset(message, response.getNS(), Section.ANSWER);
                    try {
                        target = name.fromDNAME(dname);
                    } catch (NameTooLongException e) {
                        message.getHeader().setRcode(Rcode.YXDOMAIN);
                        break;
                    }
                    message.addRecord(new CNAMERecord(name, DClass.IN, dname.getTTL(), target), Section.ANSWER);
                }
                LoadedZone next = snapshot.zoneFor(target);
                if (next == null) {
                    break; // outside our zones: the resolver follows it from here
                }
                zone = next;
                name = target;
                continue;
            }
            if (response.isDelegation()) {
                if (hop == 0) {
                    message.getHeader().unsetFlag(Flags.AA); // a referral is not an authoritative answer
                    addRRset(message, response.getNS(), Section.AUTHORITY);
                    collectTargets(response.getNS(), additionalTargets);
                }
                break;
            }
            if (response.isNXDOMAIN()) {
                message.getHeader().setRcode(Rcode.NXDOMAIN); // RFC 6604: the rcode of the last name in the chain
            }
            message.addRecord(negativeSoa(zone), Section.AUTHORITY);
            break;
        }
        addAddresses(snapshot, message, additionalTargets);
        return message;
    }

    /**
     * RFC 8482 4.2: for ANY over UDP, a name with data is answered by one synthesized {@code HINFO "RFC8482" ""}
     * instead of all its RRsets; negative answers and referrals stay as they are.
     */
    static Message minimalAny(Message full) {
        if (full.getSection(Section.ANSWER).isEmpty()) {
            return full;
        }
        Record question = full.getQuestion();
        Message message = new Message(0);
        message.getHeader().setFlag(Flags.QR);
        message.getHeader().setFlag(Flags.AA);
        message.addRecord(question, Section.QUESTION);
        message.addRecord(new HINFORecord(question.getName(), DClass.IN, ANY_HINFO_TTL, "RFC8482", ""), Section.ANSWER);
        return message;
    }

    /** RFC 2308: the SOA in a negative answer lives as long as the smaller of its TTL and its MINIMUM field. */
    private static SOARecord negativeSoa(LoadedZone zone) {
        SOARecord soa = zone.zone().getSOA();
        long ttl = Math.min(soa.getTTL(), soa.getMinimum());
        return new SOARecord(
                soa.getName(),
                DClass.IN,
                ttl,
                soa.getHost(),
                soa.getAdmin(),
                soa.getSerial(),
                soa.getRefresh(),
                soa.getRetry(),
                soa.getExpire(),
                soa.getMinimum());
    }

    private static void addRRset(Message message, RRset rrset, int section) {
        for (Record record : rrset.rrs()) {
            message.addRecord(record, section);
        }
    }

    private static void collectTargets(RRset rrset, Set<Name> targets) {
        for (Record record : rrset.rrs()) {
            if (record instanceof MXRecord mx) {
                targets.add(mx.getTarget());
            } else if (record instanceof NSRecord ns) {
                targets.add(ns.getTarget());
            } else if (record instanceof SRVRecord srv) {
                targets.add(srv.getTarget());
            }
        }
    }

    private static void addAddresses(ZoneSnapshot snapshot, Message message, Set<Name> targets) {
        for (Name target : targets) {
            LoadedZone zone = snapshot.zoneFor(target);
            if (zone == null) {
                continue;
            }
            for (int type : new int[] {Type.A, Type.AAAA}) {
                RRset rrset = zone.zone().findExactMatch(target, type);
                if (rrset != null && !message.findRRset(target, type, Section.ANSWER)) {
                    addRRset(message, rrset, Section.ADDITIONAL);
                }
            }
        }
    }
}
