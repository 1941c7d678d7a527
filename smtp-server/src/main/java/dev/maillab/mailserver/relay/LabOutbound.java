package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.smtp.Outbound;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** What the SMTP intake asks of the relay: the lab's other domains, the trusted networks, and the queue. */
final class LabOutbound implements Outbound {

    private final Set<String> labDomains;
    private final TrustedNetworks trusted;
    private final QueueManager queue;

    LabOutbound(RelayProperties properties, QueueManager queue) {
        this.labDomains = Set.copyOf(properties.domains());
        this.trusted = properties.networks();
        this.queue = queue;
    }

    @Override
    public boolean isLabDomain(String domain) {
        return labDomains.contains(domain);
    }

    @Override
    public boolean trusts(InetAddress client) {
        return trusted.contains(client);
    }

    @Override
    public boolean hasRoom() {
        return queue.hasRoom();
    }

    @Override
    public void enqueue(String queueId, String sender, List<String> recipients, byte[] message) throws IOException {
        queue.enqueue(queueId, sender, recipients, message);
    }
}
