package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Independent clients (Apache Commons Net, Jakarta Mail) read what the delivery side stored. */
class Pop3ClientInteropTest {

    @TempDir
    Path dir;

    @Test
    void commonsNetClientListsRetrievesAndDeletes() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir)) {
            String uid = pop3.deliver("alice", "From: app@example.local\r\nSubject: interop\r\n\r\n.hello\r\n");
            POP3Client client = new POP3Client();
            client.connect("127.0.0.1", pop3.port());
            try {
                assertThat(client.login("alice", "password")).isTrue();
                POP3MessageInfo status = client.status();
                assertThat(status.number).isEqualTo(1);
                POP3MessageInfo[] uids = client.listUniqueIdentifiers();
                assertThat(uids)
                        .singleElement()
                        .satisfies(i -> assertThat(i.identifier).isEqualTo(uid));
                String text;
                try (Reader r = client.retrieveMessage(1)) {
                    text = new BufferedReader(r).lines().collect(Collectors.joining("\n"));
                }
                assertThat(text).contains("Subject: interop").endsWith("\n.hello");
                assertThat(client.deleteMessage(1)).isTrue();
                assertThat(client.logout()).isTrue();
            } finally {
                client.disconnect();
            }
            assertThat(pop3.files("alice", "new")).isEmpty();
            assertThat(pop3.files("alice", "cur")).isEmpty();
        }
    }

    @Test
    void jakartaMailReadsUidlAndTopFromTheCapaBeforeLogin() throws Exception {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir)) {
            String uid = pop3.deliver(
                    "alice", "From: app@example.local\r\nSubject: jakarta\r\n\r\n" + "x\r\n".repeat(10_000));
            Properties p = new Properties();
            p.put("mail.pop3.host", "127.0.0.1");
            p.put("mail.pop3.port", String.valueOf(pop3.port()));
            Session session = Session.getInstance(p);
            ByteArrayOutputStream transcript = new ByteArrayOutputStream();
            session.setDebugOut(new PrintStream(transcript, true, StandardCharsets.UTF_8));
            session.setDebug(true);
            Store store = session.getStore("pop3");
            store.connect("alice", "password");
            try {
                POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message m = inbox.getMessage(1);
                assertThat(inbox.getUID(m)).isEqualTo(uid);
                assertThat(m.getSubject()).isEqualTo("jakarta");
                assertThat(inbox.getUID(m)).isEqualTo(uid);
                inbox.close(false);
            } finally {
                store.close();
            }
            // the headers came by TOP: Jakarta Mail did not turn it off and fetch the whole message
            String log = transcript.toString(StandardCharsets.UTF_8);
            assertThat(log).contains("TOP 1 0").doesNotContain("RETR 1");
        }
    }
}
