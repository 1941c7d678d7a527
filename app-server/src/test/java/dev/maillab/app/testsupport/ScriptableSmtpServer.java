package dev.maillab.app.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubEtha) on an ephemeral loopback port, for the sender's failure paths the lab's own
 * smtp-server never produces on demand: it answers 451 to the first {@code n} DATA commands, 550 to recipients
 * whose local part is "nobody", and keeps the octets of every message it accepts.
 */
public final class ScriptableSmtpServer implements AutoCloseable {

    private final SMTPServer server;
    private final AtomicInteger tempFailuresLeft = new AtomicInteger();
    private final AtomicInteger dataCommands = new AtomicInteger();
    private final List<byte[]> accepted = new CopyOnWriteArrayList<>();

    public ScriptableSmtpServer() {
        this(null);
    }

    /** @param tls offered as STARTTLS with this server context (and still no AUTH); null: no STARTTLS */
    public ScriptableSmtpServer(SSLContext tls) {
        SMTPServer.Builder builder = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("mx.test")
                .softwareName("scriptable")
                .maxMessageSize(10_000_000)
                .messageHandlerFactory(ctx -> new Handler());
        if (tls != null) {
            builder.enableTLS().startTlsSocketFactory(tls);
        }
        server = builder.build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** The next {@code n} DATA commands get "451 4.3.0 try again later". */
    public void failTemporarily(int n) {
        tempFailuresLeft.set(n);
    }

    public int dataCommands() {
        return dataCommands.get();
    }

    public List<byte[]> accepted() {
        return accepted;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A loopback port nothing listens on (bound, then released). */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Handler implements MessageHandler {
        @Override
        public void from(String from) {}

        @Override
        public void recipient(String recipient) throws RejectException {
            if (recipient.toLowerCase().startsWith("nobody@")) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: Recipient address rejected");
            }
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            dataCommands.incrementAndGet();
            byte[] bytes = data.readAllBytes();
            if (tempFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new RejectException(451, "4.3.0 try again later");
            }
            accepted.add(bytes);
            return null;
        }

        @Override
        public void done() {}
    }
}
