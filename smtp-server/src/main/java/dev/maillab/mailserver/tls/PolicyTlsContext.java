package dev.maillab.mailserver.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A server SSLContext that puts {@link TlsPolicy} on every engine (POP3, through James and Netty) and layered
 * socket (SMTP, through SubEtha) it makes, so neither library's defaults decide what TLS is accepted.
 */
final class PolicyTlsContext extends SSLContext {

    PolicyTlsContext(SSLContext delegate, SSLParameters policy) {
        super(new Spi(delegate, policy), delegate.getProvider(), delegate.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {

        private final SSLContext delegate;
        private final SSLParameters policy;

        Spi(SSLContext delegate, SSLParameters policy) {
            this.delegate = delegate;
            this.policy = policy;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new PolicySocketFactory(delegate.getSocketFactory(), policy);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("STARTTLS layers TLS over accepted sockets; no TLS server socket");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return TlsPolicy.apply(delegate.createSSLEngine(), policy);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return TlsPolicy.apply(delegate.createSSLEngine(host, port), policy);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            SSLParameters params = delegate.getDefaultSSLParameters();
            params.setProtocols(policy.getProtocols());
            params.setCipherSuites(policy.getCipherSuites());
            params.setUseCipherSuitesOrder(true);
            return params;
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    /** Server-mode sockets layered over accepted connections, with the policy applied. */
    private static final class PolicySocketFactory extends SSLSocketFactory {

        private final SSLSocketFactory delegate;
        private final SSLParameters policy;

        PolicySocketFactory(SSLSocketFactory delegate, SSLParameters policy) {
            this.delegate = delegate;
            this.policy = policy;
        }

        private Socket apply(Socket socket) {
            return TlsPolicy.apply((SSLSocket) socket, policy);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return policy.getCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return apply(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            return apply(delegate.createSocket(s, consumed, autoClose));
        }

        // the connecting variants would make client sockets, which a server context has no use for
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new SocketException("server TLS context: layered sockets only");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            throw new SocketException("server TLS context: layered sockets only");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new SocketException("server TLS context: layered sockets only");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            throw new SocketException("server TLS context: layered sockets only");
        }
    }
}
