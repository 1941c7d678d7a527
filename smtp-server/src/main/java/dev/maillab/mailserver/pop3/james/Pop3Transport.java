package dev.maillab.mailserver.pop3.james;

import dev.maillab.mailserver.pop3.SessionSummary;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James' transport, with the input side closed where the protocol says so: the octets received after
 * STLS and before the handshake are dropped as the SslHandler goes in (else "STLS\r\nUSER ..." in one
 * packet would run USER inside the TLS session: CVE-2011-0411), and after a reply that ends the session
 * nothing more is read. A RETR or TOP whose message cannot be read to its end ends the connection: the
 * reply can no longer be finished, and a client waiting for its last line would wait until the autologout. Every
 * reply passes here, so the first line of each goes to the session's record.
 */
public final class Pop3Transport extends NettyProtocolTransport {

    private static final Logger log = LoggerFactory.getLogger(Pop3Transport.class);

    private final Channel channel;

    Pop3Transport(Channel channel, Encryption encryption) {
        super(channel, encryption, false);
        this.channel = channel;
    }

    @Override
    protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTLS) {
        SessionSummary summary = SessionSummary.of(session);
        if (summary.observed() && bytes.length > 0) {
            summary.reply(firstLine(bytes));
        }
        super.writeToClient(bytes, session, startTLS);
        if (startTLS) {
            lines().discardBuffered();
            SessionSummary.of(session).tls = true;
        }
    }

    /** As James writes a stream (our replies are never files), and a write that fails ends the connection. */
    @Override
    protected void writeToClient(InputStream in, ProtocolSession session, boolean startTLS) {
        if (in instanceof ReplyStream reply) {
            SessionSummary.of(session).reply(reply.statusLine());
        }
        if (startTLS) {
            super.writeToClient(in, session, true);
            return;
        }
        ChunkedInput<ByteBuf> chunks =
                in instanceof ReplyStream reply ? new ReplyChunks(in, reply) : new ChunkedStream(in);
        channel.writeAndFlush(chunks).addListener(written -> {
            if (written.isSuccess() || !channel.isActive()) {
                return; // sent, or the client has gone: its connection's end says so
            }
            SessionSummary summary = SessionSummary.of(session);
            log.error("pop3 could not send a message to {}; the connection ends", summary.user, written.cause());
            summary.closing("message could not be read");
            close();
        });
    }

    @Override
    protected void close() {
        lines().pause();
        super.close();
    }

    private static String firstLine(byte[] reply) {
        int end = 0;
        while (end < reply.length && reply[end] != '\r' && reply[end] != '\n') {
            end++;
        }
        return new String(reply, 0, end, StandardCharsets.UTF_8);
    }

    private CommandLineDecoder lines() {
        return channel.pipeline().get(CommandLineDecoder.class);
    }
}
