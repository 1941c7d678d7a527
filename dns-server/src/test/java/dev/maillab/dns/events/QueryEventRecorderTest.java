package dev.maillab.dns.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.query.Protocol;
import dev.maillab.events.EventJournal;
import dev.maillab.events.EventsProperties;
import dev.maillab.testkit.TestProperties;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The recorder on its own: what it makes of answers the transports would not usually send, and its failures. */
class QueryEventRecorderTest {

    private final EventJournal journal = new EventJournal(TestProperties.bind(
            EventsProperties.class,
            Map.of(
                    "capacity",
                    100,
                    "max-memory",
                    "1MB",
                    "max-event-size",
                    "16KB",
                    "ping-interval",
                    "1s",
                    "max-streams",
                    1,
                    "max-page",
                    100)));
    private final InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void anAnswerThatCannotBeReadIsCountedNotThrownAndRecordsNothing() {
        QueryEventRecorder recorder = new QueryEventRecorder(journal, 20, 100);

        recorder.answered(Protocol.UDP, client, new byte[] {1, 2, 3}, 1000);
        recorder.transferred(Protocol.TCP, client, List.of(new byte[5]), 1000);

        assertThat(recorder.failures()).isEqualTo(2);
        assertThat(journal.last()).isZero();
    }

    @Test
    void anAnswerWithoutQuestionHasNoNameAndIPv6ClientsAreBracketed() throws Exception {
        QueryEventRecorder recorder = new QueryEventRecorder(journal, 20, 100);
        Message formerr = new Message(7);
        formerr.getHeader().setRcode(Rcode.FORMERR);

        recorder.answered(Protocol.UDP, new InetSocketAddress("::1", 5353), formerr.toWire(), 2500);

        String json = journal.read(0, 10, null).events().get(0).text();
        assertThat(json)
                .contains("\"client\":\"[0:0:0:0:0:0:0:1]:5353\"")
                .contains("\"name\":null,\"type\":null,\"rcode\":\"FORMERR\"")
                .contains("\"micros\":2");
    }

    @Test
    void answersThatDifferOnlyInTheirIdShareTheirFieldsAndEachEventHasItsOwnClientAndTime() throws Exception {
        QueryEventRecorder recorder = new QueryEventRecorder(journal, 20, 100);
        Message answer = new Message(1);
        answer.getHeader().setFlag(org.xbill.DNS.Flags.QR);
        answer.addRecord(Record.newRecord(Name.fromString("example.local."), Type.MX, DClass.IN), Section.QUESTION);
        byte[] first = answer.toWire();
        answer.getHeader().setID(2);
        byte[] second = answer.toWire();

        recorder.answered(Protocol.UDP, client, first, 1000);
        recorder.answered(Protocol.TCP, new InetSocketAddress("127.0.0.2", 50000), second, 7000);

        List<String> events = journal.read(0, 10, null).events().stream()
                .map(dev.maillab.events.Event::text)
                .toList();
        assertThat(events.get(0))
                .endsWith("\"client\":\"127.0.0.1:40000\",\"transport\":\"udp\",\"name\":\"example.local.\","
                        + "\"type\":\"MX\",\"rcode\":\"NOERROR\",\"tc\":false,\"answers\":[],\"answerCount\":0,"
                        + "\"micros\":1}");
        assertThat(events.get(1))
                .endsWith("\"client\":\"127.0.0.2:50000\",\"transport\":\"tcp\",\"name\":\"example.local.\","
                        + "\"type\":\"MX\",\"rcode\":\"NOERROR\",\"tc\":false,\"answers\":[],\"answerCount\":0,"
                        + "\"micros\":7}");
    }

    @Test
    void answerLinesBeyondTheLimitAreCounted() throws Exception {
        QueryEventRecorder recorder = new QueryEventRecorder(journal, 2, 100);
        Name name = Name.fromString("big.example.local.");
        Message answer = new Message(1);
        answer.addRecord(Record.newRecord(name, Type.TXT, DClass.IN), Section.QUESTION);
        for (int i = 0; i < 5; i++) {
            answer.addRecord(new TXTRecord(name, DClass.IN, 60, "line " + i), Section.ANSWER);
        }

        recorder.answered(Protocol.TCP, client, answer.toWire(), 0);

        String json = journal.read(0, 10, null).events().get(0).text();
        assertThat(json)
                .contains("\"answers\":[\"big.example.local. 60 IN TXT \\\"line 0\\\"\","
                        + "\"big.example.local. 60 IN TXT \\\"line 1\\\"\",\"; 3 more\"],\"answerCount\":5");
    }
}
