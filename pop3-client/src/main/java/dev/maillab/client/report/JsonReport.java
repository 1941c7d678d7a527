package dev.maillab.client.report;

import dev.maillab.client.check.CheckResult;
import dev.maillab.client.pop3.Transcript;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The same result as one JSON document, for scripts; the transcript is an array of {from, line}. */
public final class JsonReport {

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {}

    public static void print(CheckResult r, PrintWriter out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("result", r.result());
        doc.put("exitCode", r.exitCode());
        doc.put("reason", r.reason());
        doc.put("host", r.host());
        doc.put("address", r.address());
        doc.put("port", r.port());
        doc.put("resolvedBy", r.resolvedBy());
        doc.put("user", r.user());
        doc.put("count", r.count());
        doc.put("octets", r.octets());
        doc.put("deleted", r.deleted());
        doc.put("messages", r.messages());
        List<Map<String, String>> transcript = r.transcript().stream()
                .map(l -> Map.of("from", from(l.source()), "line", l.text()))
                .toList();
        doc.put("transcript", transcript);
        out.println(MAPPER.writeValueAsString(doc));
        out.flush();
    }

    private static String from(Transcript.Source s) {
        return switch (s) {
            case SERVER -> "S";
            case CLIENT -> "C";
            case NOTE -> "#";
        };
    }
}
