package dev.maillab.mailserver.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.mailserver.smtp.SmtpTestServer;
import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.TestProperties;
import java.io.EOFException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each stage's rule over a real socket against the real intake: exactly the configured reply, nothing delivered,
 * the session left as for a refused command, a 421 closing the connection, and normal answers once the rule is gone.
 */
class FaultStagesTest {

    static final JsonMapper json = JsonMapper.builder().build();
    static final String MESSAGE = "Subject: fault\r\n\r\nbody\r\n";

    @TempDir
    Path dir;

    FaultRules rules;
    SmtpTestServer server;

    @BeforeEach
    void start() throws Exception {
        rules = new FaultRules(TestProperties.defaults(FaultProperties.class));
        server = new SmtpTestServer(dir, Map.of(), rules);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    FaultRule add(String rule) {
        return rules.add(json.readTree(rule));
    }

    SmtpConnection greeted() throws Exception {
        SmtpConnection c = server.connect();
        assertThat(c.greeting().code()).isEqualTo(220);
        assertThat(c.command("EHLO client.example.local").code()).isEqualTo(250);
        return c;
    }

    @Test
    void aConnectRuleAnswers421AndClosesAndNothingElse() throws Exception {
        add("{\"id\":\"down\",\"stage\":\"connect\",\"reply\":\"421 4.3.2 Lab says go away\"}");
        try (SmtpConnection c = server.connect()) {
            assertThat(c.greeting().toString()).isEqualTo("421 4.3.2 Lab says go away");
            assertThat(c.read()).isNull();
        }
        rules.remove("down");
        try (SmtpConnection c = greeted()) {
            assertThat(c.sendMail("alice@example.local", List.of("test@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("test")).hasSize(1);
    }

    @Test
    void anEhloRuleRefusesTheGreetingAndMailNeedsOneFirst() throws Exception {
        add("{\"stage\":\"ehlo\",\"reply\":\"554 5.7.1 No EHLO today\"}");
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            assertThat(c.command("EHLO client.example.local").toString()).isEqualTo("554 5.7.1 No EHLO today");
            assertThat(c.command("HELO client.example.local").toString()).isEqualTo("554 5.7.1 No EHLO today");
            assertThat(c.command("MAIL FROM:<alice@example.local>").toString())
                    .isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
        }
        rules.clear();
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            assertThat(c.command("EHLO client.example.local").code()).isEqualTo(250);
        }
    }

    @Test
    void a421AtEhloClosesTheConnection() throws Exception {
        add("{\"stage\":\"ehlo\",\"reply\":\"421\"}");
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            assertThat(c.command("EHLO client.example.local").toString())
                    .isEqualTo("421 4.3.2 Service not available, closing transmission channel");
            assertThat(c.read()).isNull();
        }
    }

    @Test
    void anAuthRuleAnswersBeforeAnyCredentialsAndLeavesTheSessionUnauthenticated() throws Exception {
        add("{\"stage\":\"auth\",\"reply\":\"454 4.7.0 Temporary authentication failure\"}");
        try (SmtpConnection c = greeted()) {
            assertThat(c.startTls().code()).isEqualTo(220);
            c.command("EHLO client.example.local");
            assertThat(c.command("AUTH PLAIN " + SmtpConnection.base64("\0alice\0password"))
                            .toString())
                    .isEqualTo("454 4.7.0 Temporary authentication failure");
            rules.clear();
            assertThat(c.command("AUTH PLAIN " + SmtpConnection.base64("\0alice\0password"))
                            .code())
                    .isEqualTo(235);
        }
    }

    @Test
    void aMailRuleStartsNoTransaction() throws Exception {
        add("{\"stage\":\"mail\",\"reply\":\"451 4.3.0 Try again later\",\"from\":\"@example.test\"}");
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<Bob@Example.TEST>").toString()).isEqualTo("451 4.3.0 Try again later");
            assertThat(c.command("RCPT TO:<test@example.local>").toString())
                    .isEqualTo("503 5.5.1 Error: need MAIL command");
            // another sender is not matched
            assertThat(c.sendMail("alice@example.local", List.of("test@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("test")).hasSize(1);
    }

    @Test
    void aRcptRuleAddsNoRecipient() throws Exception {
        add("{\"stage\":\"rcpt\",\"reply\":\"550 5.1.1 <test@example.local>: no such user here\","
                + "\"to\":\"TEST@example.local\"}");
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<test@example.local>").toString())
                    .isEqualTo("550 5.1.1 <test@example.local>: no such user here");
            assertThat(c.command("DATA").toString()).isEqualTo("554 5.5.1 Error: no valid recipients");
            assertThat(c.command("RSET").code()).isEqualTo(250);
            // another recipient in the same session is taken
            assertThat(c.sendMail("alice@example.local", List.of("bob@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("test")).isEmpty();
        assertThat(server.messages("bob")).hasSize(1);
    }

    @Test
    void aDataRuleReadsTheMessageStoresNothingAndEndsTheTransaction() throws Exception {
        FaultRule rule = add("{\"id\":\"eod\",\"stage\":\"data\",\"reply\":\"452 4.3.1 Insufficient system"
                + " storage\",\"from\":\"alice@example.local\",\"to\":\"@example.local\"}");
        try (SmtpConnection c = greeted()) {
            assertThat(c.sendMail("alice@example.local", List.of("test@example.local"), MESSAGE)
                            .toString())
                    .isEqualTo("452 4.3.1 Insufficient system storage");
            assertThat(c.command("RCPT TO:<test@example.local>").toString())
                    .isEqualTo("503 5.5.1 Error: need MAIL command");
            assertThat(server.messages("test")).isEmpty();
            rules.remove("eod");
            assertThat(c.sendMail("alice@example.local", List.of("test@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("test")).hasSize(1);
        assertThat(rule.view()).containsEntry("hits", 1L);
        assertThat(server.registry()
                        .get("maillab.smtp.faults")
                        .tag("stage", "data")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void a421AtRcptClosesTheConnectionAndNothingIsDelivered() throws Exception {
        add("{\"stage\":\"rcpt\",\"reply\":\"421 4.7.0 Lab closing now\"}");
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<test@example.local>").toString()).isEqualTo("421 4.7.0 Lab closing now");
            assertThatThrownBy(() -> c.command("NOOP")).isInstanceOf(EOFException.class);
        }
        assertThat(server.messages("test")).isEmpty();
    }

    @Test
    void aClientBlockThatDoesNotHoldTheClientDoesNotMatch() throws Exception {
        add("{\"stage\":\"mail\",\"reply\":\"451 4.3.0 Not you\",\"client\":\"127.0.0.2/32\"}");
        add("{\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 You\",\"client\":\"127.0.0.0/8\",\"listener\":\"smtp\"}");
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<test@example.local>").toString()).isEqualTo("451 4.3.0 You");
        }
    }

    @Test
    void theFirstMatchingRuleAnswers() throws Exception {
        add("{\"id\":\"one\",\"stage\":\"rcpt\",\"reply\":\"450 4.2.0 first\",\"to\":\"@example.local\"}");
        add("{\"id\":\"two\",\"stage\":\"rcpt\",\"reply\":\"550 5.0.0 second\"}");
        try (SmtpConnection c = greeted()) {
            c.command("MAIL FROM:<alice@example.local>");
            assertThat(c.command("RCPT TO:<test@example.local>").toString()).isEqualTo("450 4.2.0 first");
            rules.remove("one");
            assertThat(c.command("RCPT TO:<test@example.local>").toString()).isEqualTo("550 5.0.0 second");
        }
    }
}
