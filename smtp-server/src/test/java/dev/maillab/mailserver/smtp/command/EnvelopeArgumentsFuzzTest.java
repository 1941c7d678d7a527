package dev.maillab.mailserver.smtp.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * MAIL FROM / RCPT TO lines as a client may send them: the arguments parse to a path of at most 256 octets
 * without spaces, angle brackets or control characters and to parameters with upper-case names without white
 * space (an empty name, from "=x", is answered 555 by the command), or to the parse error the commands answer with
 * 501; never to any other exception.
 */
class EnvelopeArgumentsFuzzTest {

    @FuzzTest
    void parsesOrRejectsWithItsOwnError(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        check(EnvelopeArguments.after(line, "MAIL", "FROM:"));
        check(EnvelopeArguments.after(line, "RCPT", "TO:"));
    }

    private static void check(String args) {
        if (args == null) {
            return;
        }
        EnvelopeArguments parsed;
        try {
            parsed = EnvelopeArguments.parse(args);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertThat(parsed.address().length()).isLessThanOrEqualTo(EnvelopeArguments.MAX_PATH);
        assertThat(parsed.address().chars()).noneMatch(c -> c <= ' ' || c == '<' || c == '>' || c == 127);
        parsed.parameters()
                .keySet()
                .forEach(key -> assertThat(key)
                        .doesNotContainPattern("\\s") // the ASCII white space the parameters are split on
                        .isEqualTo(key.toUpperCase(java.util.Locale.ROOT)));
    }
}
