package dev.maillab.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter c = new DurationConverter();

    @Test
    void readsTheShortFormsAndIso() {
        assertThat(c.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> c.convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("soon");
    }
}
