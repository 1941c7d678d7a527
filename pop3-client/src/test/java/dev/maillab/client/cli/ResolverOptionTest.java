package dev.maillab.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.client.Pop3ClientApplication;
import dev.maillab.client.check.CheckResult;
import dev.maillab.net.ServerAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code --resolver} reads a server as every server setting of the lab does (lab-net's {@link ServerAddress}, whose
 * own test covers the forms): through the checker's command line, a text that is no server is a usage error.
 */
class ResolverOptionTest {

    @Test
    void aResolverThatIsNoServerIsAUsageErrorNamingTheText() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Pop3ClientApplication.execute(
                new String[] {"--resolver", "127.0.0.1:notaport", "--user", "test", "--password", "password"},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(CheckResult.ERROR);
        assertThat(err.toString())
                .startsWith("pop3-client: ")
                .contains("--resolver")
                .contains("'127.0.0.1:notaport'");
        assertThat(out.toString()).isEmpty();
    }
}
