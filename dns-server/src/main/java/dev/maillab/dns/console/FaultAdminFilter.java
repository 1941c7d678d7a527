package dev.maillab.dns.console;

import dev.maillab.dns.DnsProperties;
import dev.maillab.dns.namedconf.AddressMatchList;
import java.net.InetSocketAddress;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code /api/faults} changes how the lab's DNS answers, so only {@code maillab.dns.faults.admin-clients} may use it
 * (loopback by default; in compose the console's network too). After {@link LabHostWebFilter}: both must pass.
 */
@Component
@Order(Integer.MIN_VALUE + 1)
class FaultAdminFilter implements WebFilter {

    private final AddressMatchList clients;

    FaultAdminFilter(DnsProperties properties) {
        this.clients = AddressMatchList.parse(properties.faults().adminClients());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.equals("/api/faults") && !path.startsWith("/api/faults/")) {
            return chain.filter(exchange);
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote != null && remote.getAddress() != null && clients.allows(remote.getAddress())) {
            return chain.filter(exchange);
        }
        return Problems.write(
                exchange.getResponse(),
                HttpStatus.FORBIDDEN,
                "/api/faults answers only maillab.dns.faults.admin-clients (" + clients + ")");
    }
}
