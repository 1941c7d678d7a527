package dev.maillab.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.client.Pop3ClientApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checker as its own process with the heap of pop3-client/jvm.options (ExitOnOutOfMemoryError included) against
 * a POP3 server that misbehaves on purpose: each run ends within its deadline with exit 2 and one clear line.
 */
@Timeout(120)
class HostileServerTest {

    private interface Script {
        void play(Socket s, OutputStream out, BufferedReader in) throws IOException, InterruptedException;
    }

    private ServerSocket server;

    private void serve(Script script) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    try (Socket s = server.accept()) {
                        script.play(
                                s,
                                s.getOutputStream(),
                                new BufferedReader(
                                        new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)));
                    } catch (IOException | InterruptedException ignored) {
                        // the client gave up: that is the point
                    }
                },
                "hostile-pop3");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private record Run(int exit, String out, String err) {}

    private Run check() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String line : Files.readString(Path.of("jvm.options")).split("\n")) {
            String l = line.replaceAll("#.*", "").strip();
            if (!l.isEmpty()) {
                cmd.addAll(Arrays.asList(l.split("\\s+")));
            }
        }
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                Pop3ClientApplication.class.getName(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(server.getLocalPort()),
                "--user",
                "test",
                "--password",
                "password",
                "--timeout",
                "2s"));
        Path out = Files.createTempFile("pop3-client", ".out");
        Path err = Files.createTempFile("pop3-client", ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended within 60 s").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void anEndlessLineIsAProtocolError() throws Exception {
        serve((s, out, in) -> {
            send(out, "+OK ");
            byte[] junk = new byte[65536];
            Arrays.fill(junk, (byte) 'x');
            for (int i = 0; i < 10_000; i++) { // 640 MB, unless the client hangs up first
                out.write(junk);
            }
        });
        Run r = check();
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pop3-client: ERROR: line longer than 65536 octets from the server\n");
    }

    @Test
    void aMessageLargerThanAnyTheLabAcceptsIsRefusedWithoutRunningOutOfMemory() throws Exception {
        serve((s, out, in) -> {
            send(out, "+OK ready\r\n");
            in.readLine(); // CAPA
            send(out, "-ERR no\r\n");
            in.readLine();
            send(out, "+OK\r\n");
            in.readLine();
            send(out, "+OK logged in\r\n");
            in.readLine();
            send(out, "+OK 1 400000000\r\n");
            in.readLine();
            send(out, "+OK\r\n1 400000000\r\n.\r\n");
            in.readLine(); // RETR 1
            send(out, "+OK\r\nSubject: big\r\n\r\n");
            byte[] line = ("y".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 400_000; i++) { // 400 MB, never the final dot
                out.write(line);
            }
        });
        Run r = check();
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .doesNotContain("OutOfMemoryError")
                .isEqualTo("pop3-client: ERROR: message larger than 12582912 octets\n");
        assertThat(r.out()).contains("more lines,").hasSizeLessThan(300_000);
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws Exception {
        serve((s, out, in) -> Thread.sleep(30_000));
        long start = System.nanoTime();
        Run r = check();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pop3-client: ERROR: no answer from the server within 2000 ms\n");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
    }
}
