package dev.maillab.smtp.pop3;

import java.util.Set;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.StlsCmdHandler;

/** STLS as James implements it, but no longer advertised in CAPA once TLS is active (RFC 2595 section 4). */
final class StlsCommand extends StlsCmdHandler {

    StlsCommand(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return session.isTLSStarted() ? Set.of() : super.getImplementedCapabilities(session);
    }
}
