package dev.maillab.client.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parsing of the replies, against a scripted exchange on a real socket: each test plays a server that answers
 * every command with the next scripted block. Real servers are in Pop3ClientCommandLabTest; this only covers what a
 * real server will not send on demand (malformed replies, over-long lines).
 */
@Timeout(30)
class Pop3SessionTest {

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    Pop3SessionTest() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** Greeting first, then one block per client command; the connection closes after the last block. */
    private void script(String... blocks) {
        CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < blocks.length; i++) {
                    if (i > 0) {
                        String line = in.readLine();
                        if (line == null) {
                            return;
                        }
                        received.add(line);
                    }
                    out.write(blocks[i].replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException ignored) {
                // the client hung up: that is what some tests expect
            }
        });
    }

    private MaildropSnapshot run(Transcript t, boolean delete) throws Pop3Exception {
        return new Pop3Session(Pop3Limits.defaults(Duration.ofSeconds(5)))
                .run(
                        "mail.test",
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                        new Pop3Session.Options("test", "secret", false, null, true, 0),
                        t,
                        m -> delete);
    }

    private static final String LOGIN = "-ERR no CAPA\n|+OK\n|+OK logged in\n";

    private String[] withLogin(String... rest) {
        List<String> blocks = new java.util.ArrayList<>();
        blocks.add("+OK ready\n");
        blocks.addAll(List.of(LOGIN.split("\\|")));
        blocks.addAll(List.of(rest));
        return blocks.toArray(String[]::new);
    }

    @Test
    void messagesAreDotUnstuffedWithCrlfAndTheTranscriptShowsTheWireWithThePasswordMasked() throws Exception {
        script(withLogin("+OK 1 30\n", "+OK\n1 30\n.\n", "+OK 30 octets\nSubject: x\n\n..dot\nend\n.\n", "+OK bye\n"));
        Transcript t = new Transcript();
        MaildropSnapshot snap = run(t, false);
        assertThat(snap.count()).isEqualTo(1);
        assertThat(snap.listing()).containsExactly(new MaildropSnapshot.ListEntry(1, 30));
        assertThat(new String(snap.retrieved().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("Subject: x\r\n\r\n.dot\r\nend\r\n");
        assertThat(t.texts()).contains("PASS ********", "..dot").doesNotContain("PASS secret");
        assertThat(received).containsExactly("CAPA", "USER test", "PASS secret", "STAT", "LIST", "RETR 1", "QUIT");
    }

    @Test
    void deleteHappensOnlyWhenAskedAndBeforeQuit() throws Exception {
        script(withLogin("+OK 1 5\n", "+OK\n1 5\n.\n", "+OK\na\n.\n", "+OK deleted\n", "+OK bye\n"));
        assertThat(run(new Transcript(), true).deleted()).isTrue();
        assertThat(received).endsWith("DELE 1", "QUIT");
    }

    @Test
    void aMalformedStatIsAProtocolError() {
        script(withLogin("+OK lots\n"));
        assertThatThrownBy(() -> run(new Transcript(), false))
                .isInstanceOf(Pop3Exception.class)
                .hasMessage("malformed STAT answer: lots")
                .extracting(e -> ((Pop3Exception) e).kind())
                .isEqualTo(Pop3Exception.Kind.PROTOCOL);
    }

    @Test
    void aLineThatIsNotAStatusLineIsAProtocolError() {
        script("HTTP/1.1 400 Bad Request\n");
        assertThatThrownBy(() -> run(new Transcript(), false))
                .isInstanceOf(Pop3Exception.class)
                .hasMessageStartingWith("not a POP3 status line: HTTP/1.1");
    }

    @Test
    void aRefusedPasswordIsAnAuthenticationError() {
        script("+OK ready\n", "-ERR\n", "+OK\n", "-ERR [AUTH] Authentication failed.\n");
        assertThatThrownBy(() -> run(new Transcript(), false))
                .hasMessage("login as test failed: -ERR [AUTH] Authentication failed.")
                .extracting(e -> ((Pop3Exception) e).kind())
                .isEqualTo(Pop3Exception.Kind.AUTHENTICATION);
    }

    @Test
    void anOverlongLineIsRefusedRatherThanBuffered() {
        script("+OK " + "x".repeat(70_000) + "\n");
        assertThatThrownBy(() -> run(new Transcript(), false))
                .hasMessage("line longer than 65536 octets from the server");
    }

    @Test
    void aServerThatHangsUpMidSessionIsAConnectionError() {
        script(withLogin("+OK 1 5\n"));
        assertThatThrownBy(() -> run(new Transcript(), false))
                .isInstanceOf(Pop3Exception.class)
                .hasMessageStartingWith("connection") // closed while reading, or lost while writing LIST
                .extracting(e -> ((Pop3Exception) e).kind())
                .isEqualTo(Pop3Exception.Kind.CONNECTION);
    }
}
