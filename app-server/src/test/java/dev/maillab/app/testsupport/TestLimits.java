package dev.maillab.app.testsupport;

import dev.maillab.app.AppProperties;
import java.time.Duration;

/** Message limits for the unit tests; the HTTP ones at their defaults. */
public final class TestLimits {

    private TestLimits() {}

    public static AppProperties.Limits of(
            int maxRecipients, int maxSubjectLength, int maxBodyChars, int maxAttachments, long maxAttachmentBytes) {
        return new AppProperties.Limits(
                maxRecipients,
                maxSubjectLength,
                maxBodyChars,
                maxAttachments,
                maxAttachmentBytes,
                10_240_000,
                10_485_760,
                25_165_824,
                Duration.ofSeconds(30),
                1000,
                32);
    }
}
