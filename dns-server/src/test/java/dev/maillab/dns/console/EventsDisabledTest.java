package dev.maillab.dns.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import dev.maillab.dns.transport.AnswerListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/** {@code maillab.events.enabled=false}: queries are answered as ever, nothing is recorded, the API is empty. */
class EventsDisabledTest {

    @TempDir
    Path dir;

    @Test
    void queriesAreAnsweredAndTheJournalStaysEmpty() throws Exception {
        try (RunningDnsServer server =
                RunningDnsServer.start(TestZones.copyInto(dir).namedConf(), "--maillab.events.enabled=false")) {
            assertThat(server.ask(false, "example.local.", Type.MX).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(server.ask(true, "nothing.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.NXDOMAIN);

            JsonNode page = server.getJson("/api/events");

            assertThat(page.get("events").isEmpty()).isTrue();
            assertThat(page.get("last").asLong()).isZero();
            assertThat(server.context().getBean(AnswerListener.class))
                    .as("the transports are told nothing")
                    .isSameAs(AnswerListener.NONE);
        }
    }
}
