package dev.maillab.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventPageTest {

    @Test
    void thePageIsTheRecordedJsonInOneObjectWithTheNewestSeq() {
        EventJournal journal = EventJournalTest.journal(10);
        journal.record("a.b", Map.of("x", 1));
        journal.record("c.d", Map.of("y", "two"));
        JsonNode page =
                EventJournalTest.JSON.readTree(journal.read(0, 10, "c.d").json());
        assertThat(page.get("last").asLong()).isEqualTo(2);
        assertThat(page.get("events")).hasSize(1);
        assertThat(page.get("events").get(0).get("y").asString()).isEqualTo("two");
        assertThat(new String(journal.read(5, 10, null).json())).isEqualTo("{\"events\":[],\"last\":2}");
    }
}
