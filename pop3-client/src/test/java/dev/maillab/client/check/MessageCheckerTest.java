package dev.maillab.client.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.client.pop3.RetrievedMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageCheckerTest {

    private static final String GOOD = """
            From: =?UTF-8?B?5bGx55Sw?= <app@example.local>
            To: test@example.local
            Subject: =?UTF-8?B?44OG44K544OI?=
            Date: Sat, 28 Nov 2026 12:00:00 +0900 (JST)
            Message-ID: <abc.123@example.local>

            body
            """;

    private static MessageVerdict check(String text, boolean lenient) {
        byte[] raw = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new MessageChecker(lenient).check(new RetrievedMessage(1, raw.length, raw));
    }

    private static HeaderFinding finding(MessageVerdict v, String check) {
        return v.findings().stream()
                .filter(f -> f.check().equals(check))
                .findFirst()
                .orElseThrow();
    }

    private static String without(String header) {
        return GOOD.replaceAll("(?m)^" + header + ":.*\n", "");
    }

    @Test
    void aProperMessagePassesWithDecodedValues() {
        MessageVerdict v = check(GOOD, false);
        assertThat(v.status()).isEqualTo(Status.OK);
        assertThat(v.subject()).isEqualTo("テスト");
        assertThat(finding(v, "From").value()).isEqualTo("山田 <app@example.local>");
        assertThat(v.messageId()).isEqualTo("<abc.123@example.local>");
    }

    @Test
    void missingFromOrDateFailsEvenWhenLenient() {
        for (String h : new String[] {"From", "Date"}) {
            MessageVerdict v = check(without(h), true);
            assertThat(v.status()).as(h).isEqualTo(Status.FAIL);
            assertThat(finding(v, h).note()).contains("required by RFC 5322");
        }
    }

    @Test
    void missingToSubjectOrMessageIdFailsUnlessLenient() {
        for (String h : new String[] {"To", "Subject", "Message-ID"}) {
            assertThat(check(without(h), false).status()).as(h).isEqualTo(Status.FAIL);
            MessageVerdict lenient = check(without(h), true);
            assertThat(lenient.status()).as(h).isEqualTo(Status.WARN);
            assertThat(finding(lenient, h).note()).isEqualTo("missing");
        }
    }

    @Test
    void malformedOrRepeatedHeadersFail() {
        assertThat(finding(
                                check(
                                        GOOD.replace("Date: Sat, 28 Nov 2026 12:00:00 +0900 (JST)", "Date: yesterday"),
                                        true),
                                "Date")
                        .status())
                .isEqualTo(Status.FAIL);
        assertThat(finding(
                                check(
                                        GOOD.replace("From: =?UTF-8?B?5bGx55Sw?= <app@example.local>", "From: app@"),
                                        true),
                                "From")
                        .note())
                .startsWith("malformed");
        assertThat(finding(check(GOOD.replace("<abc.123@example.local>", "abc"), true), "Message-ID")
                        .status())
                .isEqualTo(Status.FAIL);
        assertThat(finding(check("To: x@example.local\n" + GOOD, true), "To").note())
                .contains("2 times");
    }

    @Test
    void aLineOver998OctetsFails() {
        assertThat(finding(check(GOOD + "x".repeat(998) + "\n", false), "Line length")
                        .status())
                .isEqualTo(Status.OK);
        HeaderFinding f = finding(check(GOOD + "x".repeat(999) + "\n", false), "Line length");
        assertThat(f.status()).isEqualTo(Status.FAIL);
        assertThat(f.note()).isEqualTo("line 8 has 999 octets (at most 998)");
    }

    @Test
    void rawUtf8InAHeaderFailsButInTheBodyIsFine() {
        assertThat(finding(
                                check(GOOD.replace("Subject: =?UTF-8?B?44OG44K544OI?=", "Subject: テスト"), false),
                                "Header encoding")
                        .note())
                .isEqualTo("header line 3 has raw 8-bit octets (not RFC 2047 encoded)");
        assertThat(finding(check(GOOD + "本文\n", false), "Header encoding").status())
                .isEqualTo(Status.OK);
    }
}
