package dev.maillab.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.TestZones;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Every answer kind the lab relies on, asked over UDP with dnsjava's resolver as the client. */
class AuthoritativeAnswerTest {

    @TempDir
    static Path dir;

    static EmbeddedDnsServer server;
    static SimpleResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        TestZones zones = TestZones.copyInto(dir).appendToForwardZone("""
                v6          IN  AAAA  fd00:19::3
                mail        IN  AAAA  fd00:19::3
                alias2      IN  CNAME smtp
                external    IN  CNAME www.example.org.
                loop1       IN  CNAME loop2
                loop2       IN  CNAME loop1
                """);
        server = EmbeddedDnsServer.start(zones.namedConf());
        resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", server.port()));
        resolver.setTimeout(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void addressIsAnsweredAuthoritatively() throws Exception {
        Message response = ask("mail.example.local.", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getHeader().getFlag(Flags.RA)).isFalse();
        assertThat(rdata(response, Section.ANSWER)).containsExactly("172.19.0.3");
    }

    @Test
    void ipv6AddressToo() throws Exception {
        assertThat(rdata(ask("v6.example.local.", Type.AAAA), Section.ANSWER)).containsExactly("fd00:19:0:0:0:0:0:3");
    }

    @Test
    void mxCarriesItsTargetsAddressesInAdditional() throws Exception {
        Message response = ask("example.local.", Type.MX);

        assertThat(rdata(response, Section.ANSWER)).containsExactly("10 mail.example.local.");
        assertThat(records(response, Section.ADDITIONAL))
                .extracting(Record::rdataToString)
                .containsExactlyInAnyOrder("172.19.0.3", "fd00:19:0:0:0:0:0:3");
    }

    @Test
    void nsAndSoaAtTheApex() throws Exception {
        Message ns = ask("example.local.", Type.NS);
        Message soa = ask("example.local.", Type.SOA);

        assertThat(rdata(ns, Section.ANSWER)).containsExactly("ns.example.local.");
        assertThat(rdata(ns, Section.ADDITIONAL)).containsExactly("172.19.0.2");
        assertThat(rdata(soa, Section.ANSWER))
                .singleElement()
                .asString()
                .startsWith("ns.example.local. hostmaster.example.local. 2026120202");
    }

    @Test
    void cnameIsFollowedInsideOurZones() throws Exception {
        Message response = ask("alias2.example.local.", Type.A);

        assertThat(records(response, Section.ANSWER))
                .extracting(r -> r.getName() + " " + r.rdataToString())
                .containsExactly(
                        "alias2.example.local. smtp.example.local.",
                        "smtp.example.local. mail.example.local.",
                        "mail.example.local. 172.19.0.3");
    }

    @Test
    void cnameLeavingOurZonesStopsThereAndLoopsEnd() throws Exception {
        Message external = ask("external.example.local.", Type.A);
        Message loop = ask("loop1.example.local.", Type.A);

        assertThat(external.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(rdata(external, Section.ANSWER)).containsExactly("www.example.org.");
        assertThat(rdata(loop, Section.ANSWER)).containsExactly("loop2.example.local.", "loop1.example.local.");
    }

    @Test
    void ptrTxtAndSrv() throws Exception {
        Message ptr = ask(ReverseMap.fromAddress("172.19.0.3").toString(), Type.PTR);
        Message txt = ask("_dmarc.example.local.", Type.TXT);
        Message srv = ask("_pop3._tcp.example.local.", Type.SRV);

        assertThat(rdata(ptr, Section.ANSWER)).containsExactly("mail.example.local.");
        assertThat(rdata(txt, Section.ANSWER)).singleElement().asString().contains("v=DMARC1; p=reject");
        assertThat(rdata(srv, Section.ANSWER)).containsExactly("0 1 110 mail.example.local.");
        assertThat(rdata(srv, Section.ADDITIONAL)).contains("172.19.0.3");
    }

    @Test
    void unknownNameIsNxdomainWithTheSoaForNegativeCaching() throws Exception {
        Message response = ask("nobody.example.local.", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(records(response, Section.ANSWER)).isEmpty();
        List<Record> authority = records(response, Section.AUTHORITY);
        assertThat(authority).singleElement().satisfies(soa -> {
            assertThat(soa.getType()).isEqualTo(Type.SOA);
            assertThat(soa.getTTL()).as("min(SOA TTL, SOA minimum)").isEqualTo(300);
        });
    }

    @Test
    void existingNameWithoutThatTypeIsNodata() throws Exception {
        Message response = ask("mail.example.local.", Type.TXT);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(records(response, Section.ANSWER)).isEmpty();
        assertThat(records(response, Section.AUTHORITY))
                .extracting(Record::getType)
                .containsExactly(Type.SOA);
    }

    @Test
    void reverseZoneNegativeAnswersUseItsOwnSoa() throws Exception {
        Message response = ask(ReverseMap.fromAddress("172.19.0.99").toString(), Type.PTR);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(records(response, Section.AUTHORITY))
                .extracting(r -> r.getName().toString())
                .containsExactly("19.172.in-addr.arpa.");
    }

    @Test
    void namesOutsideOurZonesAreRefusedWithoutForwarders() throws Exception {
        Message response = ask("www.google.com.", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(response.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(response.getQuestion().getName().toString()).isEqualTo("www.google.com.");
    }

    @Test
    void nonInternetClassIsRefused() throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));

        assertThat(resolver.send(query).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void questionIsEchoedWithTheLettersAsAsked() throws Exception {
        Message first = ask("MaIl.ExAmPlE.LoCaL.", Type.A);
        Message second = ask("mAiL.eXaMpLe.lOcAl.", Type.A); // the same cached answer, patched per query

        assertThat(first.getQuestion().getName().toString()).isEqualTo("MaIl.ExAmPlE.LoCaL.");
        assertThat(second.getQuestion().getName().toString()).isEqualTo("mAiL.eXaMpLe.lOcAl.");
        assertThat(rdata(second, Section.ANSWER)).containsExactly("172.19.0.3");
    }

    @Test
    void ednsIsEchoedWithOurPayloadSizeAndTheDoBit() throws Exception {
        Message plain = Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.A, DClass.IN));
        Message withDo = Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.A, DClass.IN));
        withDo.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        Message withoutDo =
                Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.A, DClass.IN));
        withoutDo.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);

        SimpleResolver noEdns = new SimpleResolver(new InetSocketAddress("127.0.0.1", server.port()));
        noEdns.setEDNS(-1);
        assertThat(noEdns.send(plain).getOPT()).isNull();
        OPTRecord echoedDo = resolver.send(withDo).getOPT();
        OPTRecord echoedPlain = resolver.send(withoutDo).getOPT();
        assertThat(echoedDo.getPayloadSize()).isEqualTo(1232);
        assertThat(echoedDo.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
        assertThat(echoedPlain.getFlags() & ExtendedFlags.DO).isZero();
    }

    @Test
    void unknownEdnsVersionIsBadvers() throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.A, DClass.IN));
        query.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);

        Message response = resolver.send(query);

        assertThat(response.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(response.getOPT().getVersion()).isZero();
    }

    static Message ask(String name, int type) throws Exception {
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    static List<Record> records(Message message, int section) {
        return message.getSection(section).stream()
                .filter(r -> r.getType() != Type.OPT)
                .toList();
    }

    static List<String> rdata(Message message, int section) {
        return records(message, section).stream().map(Record::rdataToString).toList();
    }
}
