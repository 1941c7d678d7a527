package dev.maillab.mailserver.fault;

import dev.maillab.mailserver.relay.TrustedNetworks;
import dev.maillab.mailserver.smtp.SmtpFaults.Fault;
import dev.maillab.mailserver.smtp.SmtpFaults.Probe;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One rule: at {@code stage}, for the clients, senders and recipients it names, answer {@code reply} (with a
 * {@code probability}). Its JSON is the same in the rules file and in {@code POST /api/faults}:
 * {@code {"id":"greylist","stage":"rcpt","reply":"451 4.7.1 Try again later","to":"@example.test",
 * "from":"alice@example.local","client":"127.0.0.0/8","probability":0.5,"listener":"smtp"}}; only
 * {@code stage} and {@code reply} are required.
 */
final class FaultRule {

    private static final Set<String> FIELDS =
            Set.of("id", "stage", "reply", "from", "to", "client", "probability", "listener");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** RFC 5321 4.2: a 4yz or 5yz code, then optionally text; RFC 3463's class must agree with the code's. */
    private static final Pattern REPLY = Pattern.compile("([45])([0-5])([0-9])(?: ([ -~]{0,400}))?");

    private static final Pattern ENHANCED = Pattern.compile("([245])\\.[0-9]{1,3}\\.[0-9]{1,3}( .*)?");

    enum Source {
        FILE,
        API
    }

    private final String id;
    private final Source source;
    private final Stage stage;
    private final int code;
    private final String text;
    private final AddressMatch from;
    private final AddressMatch to;
    private final String client;
    private final TrustedNetworks clients;
    private final Double probability;
    private final SmtpService listener;
    private final AtomicLong hits = new AtomicLong();

    private FaultRule(
            String id,
            Source source,
            Stage stage,
            int code,
            String text,
            AddressMatch from,
            AddressMatch to,
            String client,
            Double probability,
            SmtpService listener) {
        this.id = id;
        this.source = source;
        this.stage = stage;
        this.code = code;
        this.text = text;
        this.from = from;
        this.to = to;
        this.client = client;
        this.clients = client == null ? null : TrustedNetworks.parse(List.of(client));
        this.probability = probability;
        this.listener = listener;
    }

    String id() {
        return id;
    }

    Source source() {
        return source;
    }

    /**
     * Reads one rule from its JSON object.
     *
     * @param defaultId the id when the object names none
     * @throws IllegalArgumentException saying what is wrong, for a 400 or the file's error line
     */
    static FaultRule parse(JsonNode node, Source source, String defaultId) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a rule is a JSON object with at least \"stage\" and \"reply\"");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\" (known: " + FIELDS + ")");
            }
        }
        String id = string(node, "id");
        if (id == null) {
            id = defaultId;
        } else if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String stageText = string(node, "stage");
        if (stageText == null) {
            throw new IllegalArgumentException("stage is required: connect, ehlo, auth, mail, rcpt or data");
        }
        Stage stage;
        try {
            stage = Stage.valueOf(stageText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "stage: '" + stageText + "' is not one of connect, ehlo, auth, mail, rcpt, data");
        }
        String reply = string(node, "reply");
        if (reply == null) {
            throw new IllegalArgumentException(
                    "reply is required: a 4xx or 5xx SMTP reply such as '451 4.3.0 Try" + " again later'");
        }
        Matcher m = REPLY.matcher(reply.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("reply: '" + reply + "' is not a 4xx or 5xx SMTP reply (code 400 to"
                    + " 559, then a space and printable ASCII text)");
        }
        int code = Integer.parseInt(m.group(1) + m.group(2) + m.group(3));
        String text = m.group(4) == null ? "" : m.group(4).strip();
        Matcher enhanced = ENHANCED.matcher(text);
        if (enhanced.matches() && !enhanced.group(1).equals(m.group(1))) {
            throw new IllegalArgumentException(
                    "reply: the enhanced status class must be the code's (RFC 3463): " + m.group(1) + ".x.y");
        }
        if (text.isEmpty()) {
            text = code == 421
                    ? "4.3.2 Service not available, closing transmission channel"
                    : m.group(1) + ".0.0 Error: fault on purpose";
        }
        if (stage == Stage.CONNECT && code != 421) {
            // RFC 5321 3.1: a 554 greeting must still wait for QUIT; the lab's connect fault is the 421 that closes
            throw new IllegalArgumentException("reply: at connect only 421 (reply, then close) is given");
        }
        AddressMatch from = address(node, "from");
        AddressMatch to = address(node, "to");
        if (from != null && (stage == Stage.CONNECT || stage == Stage.EHLO || stage == Stage.AUTH)) {
            throw new IllegalArgumentException("from: there is no sender yet at " + name(stage) + " (use client)");
        }
        if (to != null && stage != Stage.RCPT && stage != Stage.DATA) {
            throw new IllegalArgumentException("to: there is no recipient yet at " + name(stage) + " (use client)");
        }
        String client = string(node, "client");
        if (client != null) {
            client = client.strip();
            try {
                TrustedNetworks.parse(List.of(client));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "client: '" + client + "' is not an address block such as 127.0.0.0/8 or 127.0.0.1");
            }
        }
        Double probability = null;
        JsonNode p = node.get("probability");
        if (p != null && !p.isNull()) {
            if (!p.isNumber() || !(p.doubleValue() >= 0 && p.doubleValue() <= 1)) {
                throw new IllegalArgumentException("probability: a number from 0 to 1");
            }
            probability = p.doubleValue();
        }
        SmtpService listener = null;
        String l = string(node, "listener");
        if (l != null && !l.strip().equalsIgnoreCase("all")) {
            listener = switch (l.strip().toLowerCase(Locale.ROOT)) {
                case "smtp" -> SmtpService.SMTP;
                case "submission" -> SmtpService.SUBMISSION;
                case "smtps" -> SmtpService.SMTPS;
                default ->
                    throw new IllegalArgumentException(
                            "listener: '" + l + "' is not one of smtp, submission, smtps, all");
            };
        }
        return new FaultRule(id, source, stage, code, text, from, to, client, probability, listener);
    }

    private static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(field + ": a string");
        }
        return v.stringValue();
    }

    private static AddressMatch address(JsonNode node, String field) {
        String text = string(node, field);
        return text == null ? null : AddressMatch.parse(field, text);
    }

    private static String name(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }

    /** Whether the rule answers this probe (the probability rolled only once the rest matched). */
    boolean matches(Probe probe, DoubleSupplier random) {
        if (probe.stage() != stage || listener != null && probe.service() != listener) {
            return false;
        }
        if (clients != null && (probe.client() == null || !clients.contains(probe.client()))) {
            return false;
        }
        if (from != null && !from.matches(probe.sender())) {
            return false;
        }
        if (to != null && probe.recipients().stream().noneMatch(to::matches)) {
            return false;
        }
        return probability == null || random.getAsDouble() < probability;
    }

    /** Counts the hit and gives the reply. */
    Fault fault() {
        hits.incrementAndGet();
        return new Fault(id, code, text, code == 421);
    }

    /** The rule as {@code GET /api/faults} shows it. */
    Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("source", source.name().toLowerCase(Locale.ROOT));
        v.put("stage", name(stage));
        v.put("reply", code + " " + text);
        v.put("from", from == null ? null : from.text());
        v.put("to", to == null ? null : to.text());
        v.put("client", client);
        v.put("probability", probability);
        v.put("listener", listener == null ? "all" : listener.serviceName());
        v.put("closes", code == 421);
        v.put("hits", hits.get());
        return v;
    }
}
