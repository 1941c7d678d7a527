package dev.maillab.mailserver.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * Layers TLS over an accepted SMTP connection. Unlike SubEtha's default it does not ask the JDK for
 * the peer's host name (a blocking reverse lookup of its own); the session already has the name.
 * A context from {@link ServerTlsContext#create} hands out server-mode sockets under {@link TlsPolicy}.
 */
public final class StartTlsSockets implements SSLSocketCreator {

    private final SSLContext context;

    public StartTlsSockets(SSLContext context) {
        this.context = context;
    }

    @Override
    public SSLSocket createSSLSocket(Socket socket) throws IOException {
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket tls =
                (SSLSocket) context.getSocketFactory().createSocket(socket, peer.getHostString(), peer.getPort(), true);
        tls.setUseClientMode(false);
        return tls;
    }
}
