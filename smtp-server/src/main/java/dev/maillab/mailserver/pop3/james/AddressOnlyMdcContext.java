package dev.maillab.mailserver.pop3.james;

import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.ProtocolMDCContextFactory;
import org.apache.james.util.MDCBuilder;

/**
 * James' per-connection log context (protocol, client IP, then session id and user) without the
 * client's host name. James' standard context calls {@code getHostName()} on every new connection: a
 * blocking reverse lookup on the event loop thread, which stalls all the connections of that thread
 * until the resolver answers (and reads /etc/hosts even for loopback).
 */
final class AddressOnlyMdcContext implements ProtocolMDCContextFactory {

    @Override
    public MDCBuilder onBound(Protocol protocol, ChannelHandlerContext ctx) {
        return MDCBuilder.create()
                .addToContext(MDCBuilder.PROTOCOL, protocol.getName())
                .addToContext(MDCBuilder.IP, ip(ctx.channel().remoteAddress()));
    }

    @Override
    public MDCBuilder withContext(ProtocolSession session) {
        return ProtocolMDCContextFactory.forSession(session);
    }

    private static String ip(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
