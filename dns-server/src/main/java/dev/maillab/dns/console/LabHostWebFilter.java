package dev.maillab.dns.console;

import dev.maillab.events.LabHost;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code /api/} answers only under the lab's own host names ({@link LabHost}): a page that rebinds its DNS name to
 * this address cannot read the query log from its visitor's browser. 403 problem+json otherwise.
 */
@Component
@Order(Integer.MIN_VALUE)
class LabHostWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")
                || LabHost.allowed(exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST))) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(LabHost.REFUSED);
        return response.writeWith(Mono.just(body));
    }
}
