package dev.maillab.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventQueryTest {

    @Test
    void defaultsAreFromTheStartFiveHundredAndEveryKind() {
        assertThat(EventQuery.parse(null, null, null, 5000)).isEqualTo(new EventQuery(0, 500, null));
        assertThat(EventQuery.parse("12", "5000", "smtp.delivery", 5000))
                .isEqualTo(new EventQuery(12, 5000, "smtp.delivery"));
        assertThat(EventQuery.parse(null, null, null, 100).limit()).isEqualTo(100);
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> EventQuery.parse("-1", null, null, 5000))
                .hasMessageContaining("after must be a whole number");
        assertThatThrownBy(() -> EventQuery.parse("x", null, null, 5000)).hasMessageContaining("after");
        assertThatThrownBy(() -> EventQuery.parse(null, "0", null, 5000)).hasMessageContaining("limit");
        assertThatThrownBy(() -> EventQuery.parse(null, "5001", null, 5000)).hasMessageContaining("from 1 to 5000");
        assertThatThrownBy(() -> EventQuery.parse(null, "99999999999999999999", null, 5000))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> EventQuery.parse(null, null, "<script>", 5000)).hasMessageContaining("kind");
    }

    @Test
    void aStreamStartsAfterItsLastEventIdOrAfterTheNewestEvent() {
        EventJournal journal = EventJournalTest.journal(10);
        journal.record("a.b", Map.of());
        journal.record("a.b", Map.of());
        assertThat(EventQuery.streamStart(null, journal)).isEqualTo(2);
        assertThat(EventQuery.streamStart(" 1 ", journal)).isEqualTo(1);
        assertThatThrownBy(() -> EventQuery.streamStart("one", journal)).hasMessageContaining("Last-Event-ID");
    }
}
