package dev.maillab.mailserver.mailboxes;

import dev.maillab.events.LabHost;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every {@code /api/} answer: {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store} (it is
 * mail). A request that changes something (delete) made by a page of another site is 403, as the web console
 * refuses one: an {@code Origin} of another host than the request's, or a {@code Sec-Fetch-Site} other than
 * same-origin or none. The console's own calls come from its server, which sends neither. A {@code Host} the lab
 * does not use ({@link LabHost}: a public name rebound to this address) is 403 for every request.
 */
class ApiRequestGuard implements HandlerInterceptor {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        if (!LabHost.allowed(request.getHeader("Host"))) {
            throw MailboxProblem.forbidden("this API answers only under the lab's own names (Host: "
                    + String.valueOf(request.getHeader("Host")).replaceAll("[^\\x20-\\x7e]", "?") + ")");
        }
        if (!SAFE.contains(request.getMethod()) && !sameOrigin(request)) {
            throw MailboxProblem.forbidden("a page of another web site cannot change mail here");
        }
        return true;
    }

    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            String host = request.getHeader("Host");
            if (host == null) {
                return false;
            }
            try {
                String authority = URI.create(origin.strip()).getRawAuthority();
                return authority != null && authority.equalsIgnoreCase(host.strip());
            } catch (IllegalArgumentException e) {
                return false; // "null" (a sandboxed frame, a file: page) and anything unreadable
            }
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return site == null || site.equals("same-origin") || site.equals("none");
    }
}
