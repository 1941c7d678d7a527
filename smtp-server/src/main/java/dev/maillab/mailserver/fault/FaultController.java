package dev.maillab.mailserver.fault;

import dev.maillab.mailserver.relay.TrustedNetworks;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault rules over HTTP: {@code GET /api/faults} (every rule, the file's too, with its hits),
 * {@code POST /api/faults} (one rule, the same JSON as the file's), {@code DELETE /api/faults/{id}} and
 * {@code DELETE /api/faults} (the API's rules; the file's are the file's). Only clients in
 * {@code maillab.smtp.faults.allowed-networks} (loopback) may use it, 403 otherwise; the guard of every
 * {@code /api/} request (lab host names only, no other site's change) applies too. Problems are
 * {@code application/problem+json}.
 */
@RestController
@RequestMapping("/api/faults")
class FaultController {

    private final FaultRules rules;
    private final TrustedNetworks allowed;
    private final JsonMapper json = JsonMapper.builder().build();

    FaultController(FaultRules rules, FaultProperties properties) {
        this.rules = rules;
        this.allowed = properties.allowed();
    }

    @GetMapping
    ResponseEntity<?> list(HttpServletRequest request) {
        if (!allowed(request)) {
            return forbidden(request);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", rules.filePath());
        body.put("fileError", rules.fileError());
        body.put("rules", rules.all().stream().map(FaultRule::view).toList());
        return ResponseEntity.ok(body);
    }

    @PostMapping
    ResponseEntity<?> add(HttpServletRequest request, @RequestBody(required = false) String body) {
        if (!allowed(request)) {
            return forbidden(request);
        }
        JsonNode node;
        try {
            node = body == null ? null : json.readTree(body);
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "not JSON: " + e.getOriginalMessage());
        }
        try {
            FaultRule rule = rules.add(node);
            return ResponseEntity.status(HttpStatus.CREATED).body(rule.view());
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> delete(HttpServletRequest request, @PathVariable String id) {
        if (!allowed(request)) {
            return forbidden(request);
        }
        if (rules.remove(id)) {
            return ResponseEntity.noContent().build();
        }
        boolean inFile = rules.all().stream().anyMatch(r -> r.id().equals(id));
        return inFile
                ? problem(HttpStatus.CONFLICT, "rule " + id + " is the rules file's: edit or remove the file")
                : problem(HttpStatus.NOT_FOUND, "no rule " + id.replaceAll("[^ -~]", "?"));
    }

    @DeleteMapping
    ResponseEntity<?> clear(HttpServletRequest request) {
        if (!allowed(request)) {
            return forbidden(request);
        }
        return ResponseEntity.ok(Map.of("removed", rules.clear()));
    }

    private boolean allowed(HttpServletRequest request) {
        try {
            return allowed.contains(InetAddress.getByName(request.getRemoteAddr()));
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    private static ResponseEntity<?> forbidden(HttpServletRequest request) {
        return problem(
                HttpStatus.FORBIDDEN,
                "fault rules are changed from this host only (maillab.smtp.faults.allowed-networks), not from "
                        + request.getRemoteAddr());
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
