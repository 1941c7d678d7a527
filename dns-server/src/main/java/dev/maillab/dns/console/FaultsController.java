package dev.maillab.dns.console;

import dev.maillab.dns.fault.FaultFileWatcher;
import dev.maillab.dns.fault.FaultRule;
import dev.maillab.dns.fault.FaultRules;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.xbill.DNS.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/faults}: the fault rules in force (the rules file's and those added here), adding one, deleting one
 * or all added here. Only for the clients {@link FaultAdminFilter} lets through.
 */
@RestController
class FaultsController {

    /** One rule as listed: {@code text} is the line a rules file would have for it. */
    record RuleView(
            String id,
            String source,
            String name,
            String type,
            String action,
            double probability,
            String transport,
            String text) {

        static RuleView of(FaultRule rule) {
            return new RuleView(
                    rule.id(),
                    rule.source(),
                    rule.name(),
                    Type.string(rule.type()),
                    rule.action().toString(),
                    rule.probability(),
                    rule.transport().word(),
                    rule.text());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("name", "type", "action", "probability", "transport");

    private final FaultRules rules;
    private final ObjectProvider<FaultFileWatcher> file;

    FaultsController(FaultRules rules, ObjectProvider<FaultFileWatcher> file) {
        this.rules = rules;
        this.file = file;
    }

    @GetMapping("/api/faults")
    ResponseEntity<byte[]> list() {
        FaultFileWatcher watcher = file.getIfAvailable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", watcher == null ? null : watcher.file().toString());
        body.put("fileError", watcher == null ? null : watcher.lastError());
        body.put("maxRules", rules.maxRules());
        body.put("rules", rules.all().stream().map(RuleView::of).toList());
        return json(HttpStatus.OK, body);
    }

    /** {@code {"name":"*.example.test","type":"MX","action":"servfail","probability":0.5,"transport":"udp"}}. */
    @PostMapping("/api/faults")
    ResponseEntity<byte[]> add(@RequestBody(required = false) String body) {
        if (body == null || body.isBlank()) {
            return Problems.entity(HttpStatus.BAD_REQUEST, "the body must be a JSON object with name and action");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            return Problems.entity(HttpStatus.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return Problems.entity(HttpStatus.BAD_REQUEST, "the body must be a JSON object with name and action");
        }
        for (String field : json.propertyNames()) {
            if (!FIELDS.contains(field)) {
                return Problems.entity(
                        HttpStatus.BAD_REQUEST,
                        "unknown field '" + field + "' (a rule has name, type, action, probability, transport)");
            }
        }
        JsonNode probability = json.get("probability");
        if (probability != null && !probability.isNull() && !probability.isNumber()) {
            return Problems.entity(HttpStatus.BAD_REQUEST, "probability must be a number between 0 and 1");
        }
        try {
            FaultRule rule = rules.add(
                    text(json, "name"),
                    text(json, "type"),
                    text(json, "action"),
                    probability == null || probability.isNull() ? null : probability.asDouble(),
                    text(json, "transport"));
            return ResponseEntity.created(URI.create("/api/faults/" + rule.id()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsBytes(RuleView.of(rule)));
        } catch (FaultRules.TooManyRulesException e) {
            return Problems.entity(HttpStatus.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            return Problems.entity(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @DeleteMapping("/api/faults/{id}")
    ResponseEntity<byte[]> delete(@PathVariable String id) {
        if (rules.remove(id)) {
            return ResponseEntity.noContent().build();
        }
        if (rules.isFileRule(id)) {
            return Problems.entity(
                    HttpStatus.CONFLICT, "rule " + id + " is the rules file's: edit the file to change it");
        }
        return Problems.entity(HttpStatus.NOT_FOUND, "no rule " + id);
    }

    /** Removes every rule added over HTTP; the rules file's stay. */
    @DeleteMapping("/api/faults")
    ResponseEntity<byte[]> clear() {
        return json(HttpStatus.OK, Map.of("removed", rules.clearHttp()));
    }

    /** A text field, or null when absent; anything but a string is refused. */
    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return node.asString();
    }

    private static ResponseEntity<byte[]> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsBytes(body));
    }
}
