package dev.maillab.app.submission;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Layers TLS on the connection to one MX host under the name DNS gave it ({@code mail.example.local}), not the
 * address it was reached at: that name is the SNI and the name Jakarta Mail's server identity check
 * ({@code mail.smtp.ssl.checkserveridentity}) looks for in the certificate. The sender connects to the address it
 * resolved through the lab's DNS, so Jakarta Mail only knows the address.
 */
public final class NamedHostTlsSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory tls;
    private final String hostName;

    public NamedHostTlsSocketFactory(SSLSocketFactory tls, String hostName) {
        this.tls = tls;
        this.hostName = hostName;
    }

    /** What STARTTLS calls: the connected socket, wrapped for {@link #hostName}. */
    @Override
    public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(connected, hostName, port, autoClose);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    // a connection from scratch would be TLS from its first byte (port 465); submission here is STARTTLS only
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw notStartTls();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw notStartTls();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw notStartTls();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw notStartTls();
    }

    private static IOException notStartTls() {
        return new IOException("submission uses STARTTLS on a connected socket only");
    }
}
