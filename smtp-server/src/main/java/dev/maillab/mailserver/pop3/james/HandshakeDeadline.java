package dev.maillab.mailserver.pop3.james;

import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import org.apache.james.protocols.api.ClientAuth;
import org.apache.james.protocols.netty.Encryption;

/**
 * James' encryption (STLS's or POP3S's), with every SslHandler it makes bounded by one handshake deadline instead of
 * Netty's default 10 s: a client that never finishes the handshake (POP3S: never starts it) is closed then.
 */
public final class HandshakeDeadline implements Encryption {

    private final Encryption encryption;
    private final Duration deadline;

    public HandshakeDeadline(Encryption encryption, Duration deadline) {
        this.encryption = encryption;
        this.deadline = deadline;
    }

    @Override
    public SslHandler sslHandler() {
        SslHandler handler = encryption.sslHandler();
        handler.setHandshakeTimeoutMillis(deadline.toMillis());
        return handler;
    }

    @Override
    public boolean isStartTLS() {
        return encryption.isStartTLS();
    }

    @Override
    public boolean supportsEncryption() {
        return encryption.supportsEncryption();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return encryption.getEnabledCipherSuites();
    }

    @Override
    public ClientAuth getClientAuth() {
        return encryption.getClientAuth();
    }
}
