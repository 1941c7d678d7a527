package dev.maillab.smtp.pop3;

import java.io.IOException;
import java.io.InputStream;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.RetrCmdHandler;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/** RETR as James implements it (CRLF, dot-stuffing), counted in the retrieved-messages/bytes meters. */
final class RetrCommand extends RetrCmdHandler {

    private final Pop3Metrics metrics;

    RetrCommand(MetricFactory metricFactory, Pop3Metrics metrics) {
        super(metricFactory);
        this.metrics = metrics;
    }

    @Override
    protected InputStream getMessageContent(POP3Session session, MessageMetaData data) throws IOException {
        InputStream in = super.getMessageContent(session, data);
        metrics.retrievedMessages.increment();
        metrics.retrievedBytes.increment(data.getSize());
        return in;
    }
}
