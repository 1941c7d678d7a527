package dev.maillab.console.web;

import dev.maillab.console.ConsoleProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Other web sites get nothing from the console (403): a page reached under a host name that is neither an IP literal
 * nor one of maillab.console.allowed-hosts (a DNS-rebinding site would read the mail), and a POST (send, delete)
 * that a page of another origin makes the browser send.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestOriginFilter extends OncePerRequestFilter {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final List<String> allowedHosts;

    RequestOriginFilter(ConsoleProperties settings) {
        this.allowedHosts = settings.allowedHosts().stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getHeader("Host");
        if (host != null && !allowedHost(hostName(host))) {
            refuse(response, "the console answers under its address or an allowed name, not under \"" + host + "\"");
            return;
        }
        if (!SAFE.contains(request.getMethod()) && !sameOrigin(request, host)) {
            refuse(response, "a form of another web site cannot send or delete mail here");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean allowedHost(String name) {
        return IPV4.matcher(name).matches() || name.startsWith("[") || allowedHosts.contains(name);
    }

    /** Host header without its port, lower case; IPv6 literals keep their brackets. */
    static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean sameOrigin(HttpServletRequest request, String host) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (host == null) {
                return false;
            }
            try {
                URI o = URI.create(origin);
                return o.getRawAuthority() != null && o.getRawAuthority().equalsIgnoreCase(host.strip());
            } catch (IllegalArgumentException e) {
                return false; // "null" (a sandboxed frame, a file:) and anything unreadable
            }
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return site == null || site.equals("same-origin") || site.equals("none");
    }

    private static void refuse(HttpServletResponse response, String why) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("403 Forbidden: " + why + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
