package dev.maillab.mailserver.pop3.james;

import dev.maillab.mailserver.pop3.SessionSummary;
import io.netty.channel.Channel;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.NettyProtocolTransport;

/**
 * James' transport, with the input side closed where the protocol says so: the octets received after
 * STLS and before the handshake are dropped as the SslHandler goes in (else "STLS\r\nUSER ..." in one
 * packet would run USER inside the TLS session: CVE-2011-0411), and after a reply that ends the session
 * nothing more is read.
 */
public final class Pop3Transport extends NettyProtocolTransport {

    private final Channel channel;

    Pop3Transport(Channel channel, Encryption encryption) {
        super(channel, encryption, false);
        this.channel = channel;
    }

    @Override
    protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTLS) {
        super.writeToClient(bytes, session, startTLS);
        if (startTLS) {
            lines().discardBuffered();
            SessionSummary.of(session).tls = true;
        }
    }

    @Override
    protected void close() {
        lines().pause();
        super.close();
    }

    private CommandLineDecoder lines() {
        return channel.pipeline().get(CommandLineDecoder.class);
    }
}
