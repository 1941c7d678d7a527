package dev.maillab.client.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** "60s", "2m", "500ms", "1h", a bare number of seconds, or ISO-8601 ("PT1M"). */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase();
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase());
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 60s, 2m, 500ms)");
        }
    }
}
