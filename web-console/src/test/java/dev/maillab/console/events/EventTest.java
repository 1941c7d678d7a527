package dev.maillab.console.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event read from a stream's text: the common fields at once, the tree when asked for and the same as a full
 * parse, the text itself passed on; what is not an event is refused as before.
 */
class EventTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Service SMTP = Service.SMTP;

    private static final String SESSION =
            "{\"seq\":4869,\"time\":\"2026-12-03T14:23:00.614Z\",\"kind\":\"smtp.session\","
                    + "\"session\":\"MX7N9U6S\",\"client\":\"127.0.0.1:48616\",\"clientName\":null,\"tls\":null,"
                    + "\"queueIds\":[\"661BB7F2BABB8\"],\"transcript\":[{\"from\":\"server\",\"line\":\"220 mail ESMTP\"},"
                    + "{\"from\":\"client\",\"line\":\"QUIT \\\"x\\\" \\u00e9\"}],\"truncated\":0}";

    @Test
    void theCommonFieldsAreReadAndTheTreeIsTheFullParse() {
        Event e = Event.parse(SMTP, SESSION);
        assertThat(e.service()).isEqualTo(SMTP);
        assertThat(e.seq()).isEqualTo(4869);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-12-03T14:23:00.614Z"));
        assertThat(e.kind()).isEqualTo("smtp.session");
        assertThat(e.data()).isEqualTo(JSON.readTree(SESSION));
        assertThat(e.data()).isSameAs(e.data());
        assertThat(e.text("client")).isEqualTo("127.0.0.1:48616");
        assertThat(e.texts("queueIds")).containsExactly("661BB7F2BABB8");
        assertThat(e.array("transcript")).hasSize(2);
        assertThat(e.json()).isEqualTo(SESSION);
    }

    @Test
    void anyOrderOfTheCommonFieldsAndNestedValuesBeforeThem() {
        Event e = Event.parse(
                SMTP,
                "{\"nested\":{\"seq\":1,\"kind\":\"no.no\"},\"kind\":\"pop3.session\",\"list\":[1,[2]],\"seq\":7}");
        assertThat(e.seq()).isEqualTo(7);
        assertThat(e.kind()).isEqualTo("pop3.session");
        assertThat(e.time()).isNull();
        assertThat(e.number("seq", 0)).isEqualTo(7);
    }

    @Test
    void whatIsNotAnEventIsRefusedAsBefore() {
        assertThat(Event.parse(SMTP, "[1,2]")).isNull();
        assertThat(Event.parse(SMTP, "{\"kind\":\"smtp.session\"}")).isNull();
        assertThat(Event.parse(SMTP, "{\"seq\":\"1\",\"kind\":\"smtp.session\"}"))
                .isNull();
        assertThat(Event.parse(SMTP, "{\"seq\":1,\"kind\":2}")).isNull();
        assertThat(Event.of(SMTP, JSON.readTree("{\"seq\":1}"))).isNull();
        assertThatThrownBy(() -> Event.parse(SMTP, "{\"seq\":1,,")).isInstanceOf(JacksonException.class);
    }

    @Test
    void aTextBrokenAfterItsCommonFieldsHasNoFieldsAndIsWrittenAgainInOneLine() {
        Event e = Event.parse(SMTP, "{\"seq\":1,\"time\":\"x\",\"kind\":\"smtp.session\",\"client\":");
        assertThat(e.time()).isNull();
        assertThat(e.text("client")).isNull();

        Event twoLines = Event.parse(SMTP, "{\"seq\":2,\"time\":null,\"kind\":\"smtp.session\",\n\"client\":\"a\"}");
        assertThat(twoLines.json()).isEqualTo("{\"seq\":2,\"time\":null,\"kind\":\"smtp.session\",\"client\":\"a\"}");
    }
}
