package dev.maillab.app.web.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body before it is read: a declared length over the limit is refused at once (413), a body
 * that turns out longer while it streams (chunked) stops at the limit (413, from {@link BoundedInputStream}), a body
 * that takes too long stops at the deadline (408), and a body the request memory cannot hold now is refused (503,
 * Retry-After). The JSON parser only ever sees what passed.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Duration readTimeout;
    private final RequestMemory memory;
    private final JsonMapper json = JsonMapper.builder().build();

    public RequestBodyLimitFilter(long maxBytes, Duration readTimeout, RequestMemory memory) {
        this.maxBytes = maxBytes;
        this.readTimeout = readTimeout;
        this.memory = memory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > maxBytes) {
            problem(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "urn:maillab:problem:request-too-large",
                    "Request too large",
                    "request body of " + declared + " bytes is larger than " + maxBytes + " bytes",
                    Map.of("limit", maxBytes));
            return;
        }
        long reserved = declared > 0 ? declared : maxBytes;
        if (!memory.tryReserve(reserved)) {
            response.setHeader("Retry-After", "1");
            problem(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "urn:maillab:problem:busy",
                    "Too many large requests",
                    "the requests in progress hold " + memory.inUse() + " of " + memory.budget()
                            + " bytes of request memory; try again shortly",
                    Map.of());
            return;
        }
        try {
            chain.doFilter(new Bounded(request), response);
        } finally {
            memory.release(reserved);
        }
    }

    private void problem(
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail,
            Map<String, Object> extra)
            throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("title", title);
        p.put("status", status.value());
        p.put("detail", detail);
        p.putAll(extra);
        byte[] body = json.writeValueAsBytes(p);
        response.setStatus(status.value());
        // the unread body is not worth swallowing: the connection ends with this answer
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private final class Bounded extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Bounded(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedInputStream(super.getInputStream(), maxBytes, readTimeout);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
        }
    }
}
