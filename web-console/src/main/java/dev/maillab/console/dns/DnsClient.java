package dev.maillab.console.dns;

import dev.maillab.console.events.Event;
import dev.maillab.console.events.EventsClient;
import dev.maillab.console.events.Service;
import dev.maillab.console.events.ServiceClient;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** dns-server's zones and its recent queries. */
@Component
public class DnsClient {

    private final ServiceClient client;
    private final EventsClient events;

    public DnsClient(ServiceClient client, EventsClient events) {
        this.client = client;
        this.events = events;
    }

    public List<Zone> zones() {
        return client.getJson(Service.DNS, "/api/zones", new TypeReference<List<Zone>>() {});
    }

    /** The newest {@code count} queries, oldest first. */
    public List<Event> recentQueries(int count) {
        return events.newest(Service.DNS, "dns.query", count);
    }
}
