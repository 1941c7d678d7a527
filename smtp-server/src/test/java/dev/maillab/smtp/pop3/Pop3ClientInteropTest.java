package dev.maillab.smtp.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An independent client (Apache Commons Net) reads what the delivery side stored. */
class Pop3ClientInteropTest {

    @TempDir
    Path dir;

    @Test
    void commonsNetClientListsRetrievesAndDeletes() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, Pop3TestServer.props())) {
            String uid = pop3.deliver("alice", "From: app@example.local\r\nSubject: interop\r\n\r\n.hello\r\n");
            POP3Client client = new POP3Client();
            client.connect("127.0.0.1", pop3.port());
            try {
                assertThat(client.login("alice", "password")).isTrue();
                POP3MessageInfo status = client.status();
                assertThat(status.number).isEqualTo(1);
                POP3MessageInfo[] uids = client.listUniqueIdentifiers();
                assertThat(uids).singleElement().satisfies(i -> assertThat(i.identifier).isEqualTo(uid));
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
}
