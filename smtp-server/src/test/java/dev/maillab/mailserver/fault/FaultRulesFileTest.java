package dev.maillab.mailserver.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.smtp.SmtpTestServer;
import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.TestProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file ({@code maillab.smtp.faults.file}) against the running intake: read at start, read again when it
 * changes, a broken version refused whole (the last good rules answer on, the error is shown), deletion clears its
 * rules. Each version is written beside it and renamed in, as an editor saves.
 */
class FaultRulesFileTest {

    @TempDir
    Path dir;

    Path file;
    FaultRules rules;
    SmtpTestServer server;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("faults.json");
        write("[{\"id\":\"greylist\",\"stage\":\"rcpt\",\"reply\":\"451 4.7.1 Greylisted, try again\","
                + "\"to\":\"@example.local\"}]");
        rules = new FaultRules(
                TestProperties.bind(FaultProperties.class, Map.of("file", file.toString(), "reload-settle", "0s")));
        server = new SmtpTestServer(dir.resolve("server"), Map.of(), rules);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void write(String text) throws Exception {
        Path tmp = dir.resolve("faults.json.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    String rcpt() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            c.command("MAIL FROM:<alice@example.local>");
            return c.command("RCPT TO:<test@example.local>").toString();
        }
    }

    @Test
    void readAtStartReadAgainOnChangeBrokenKeepsTheLastRulesDeletedClearsThem() throws Exception {
        assertThat(rcpt()).isEqualTo("451 4.7.1 Greylisted, try again");

        write("[{\"stage\":\"rcpt\",\"reply\":\"550 5.1.1 Gone\"}]");
        assertThat(rcpt()).isEqualTo("550 5.1.1 Gone");
        assertThat(rules.all()).extracting(FaultRule::id).containsExactly("file-1");

        write("[{\"stage\":\"rcpt\",\"reply\":\"250 Ok\"}]"); // not a 4xx or 5xx: the whole file is refused
        assertThat(rcpt()).isEqualTo("550 5.1.1 Gone");
        assertThat(rules.fileError()).contains("rule 1: reply: '250 Ok' is not a 4xx or 5xx SMTP reply");

        write("[{\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 fine\"},"); // not JSON
        assertThat(rcpt()).isEqualTo("550 5.1.1 Gone");
        assertThat(rules.fileError()).contains("not JSON");

        write("[{\"stage\":\"rcpt\",\"reply\":\"452 4.5.3 Too many\",\"tO\":\"x@example.local\"}]"); // a typo
        assertThat(rcpt()).isEqualTo("550 5.1.1 Gone");
        assertThat(rules.fileError()).contains("unknown field \"tO\"");

        write("[]");
        assertThat(rcpt()).isEqualTo("250 2.1.5 Ok");
        assertThat(rules.fileError()).isNull();

        write("[{\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 back\"}]");
        assertThat(rcpt()).isEqualTo("451 4.3.0 back");
        Files.delete(file);
        assertThat(rcpt()).isEqualTo("250 2.1.5 Ok");
        assertThat(rules.all()).isEmpty();
    }

    @Test
    void aFileThatIsNotThereAtStartIsReadWhenItComesAndAgainAfterADeletion() throws Exception {
        server.close();
        Files.delete(file);
        rules = new FaultRules(
                TestProperties.bind(FaultProperties.class, Map.of("file", file.toString(), "reload-settle", "0s")));
        server = new SmtpTestServer(dir.resolve("server-2"), Map.of(), rules);
        assertThat(rcpt()).isEqualTo("250 2.1.5 Ok");
        assertThat(rcpt()).isEqualTo("250 2.1.5 Ok");

        write("[{\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 arrived\"}]");
        assertThat(rcpt()).isEqualTo("451 4.3.0 arrived");

        Files.delete(file);
        assertThat(rcpt()).isEqualTo("250 2.1.5 Ok");
        write("[{\"stage\":\"rcpt\",\"reply\":\"452 4.3.1 again\"}]");
        assertThat(rcpt()).isEqualTo("452 4.3.1 again");
    }
}
