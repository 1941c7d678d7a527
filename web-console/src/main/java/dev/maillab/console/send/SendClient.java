package dev.maillab.console.send;

import dev.maillab.console.ConsoleProperties;
import dev.maillab.console.events.Event;
import dev.maillab.console.events.Service;
import dev.maillab.console.events.ServiceClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * app-server's {@code POST /api/mail}: the request JSON of its {@code MailRequest} ({@code from, to, cc, subject,
 * body, attachments[{filename, contentType, contentBase64}]}); the answer is its {@code SendReceipt} or a problem.
 */
@Component
public class SendClient {

    private final ServiceClient client;
    private final JsonMapper json;
    private final ConsoleProperties settings;

    public SendClient(ServiceClient client, JsonMapper json, ConsoleProperties settings) {
        this.client = client;
        this.json = json;
        this.settings = settings;
    }

    public SendResult send(SendForm form, List<MultipartFile> attachments) throws IOException {
        ObjectNode request = json.createObjectNode();
        if (!form.from().isEmpty()) {
            request.put("from", form.from());
        }
        ArrayNode to = request.putArray("to");
        form.toList().forEach(to::add);
        ArrayNode cc = request.putArray("cc");
        form.ccList().forEach(cc::add);
        request.put("subject", form.subject());
        request.put("body", form.body());
        ArrayNode files = request.putArray("attachments");
        for (MultipartFile f : attachments) {
            if (f.isEmpty()
                    && (f.getOriginalFilename() == null
                            || f.getOriginalFilename().isEmpty())) {
                continue; // the form's file field left empty
            }
            ObjectNode file = files.addObject();
            file.put("filename", f.getOriginalFilename());
            file.put("contentType", f.getContentType());
            file.put("contentBase64", Base64.getEncoder().encodeToString(f.getBytes()));
        }
        ServiceClient.Answer answer = client.post(
                Service.APP, "/api/mail", "application/json", json.writeValueAsBytes(request), settings.sendTimeout());
        JsonNode body;
        try {
            body = json.readTree(answer.body());
        } catch (JacksonException e) {
            body = json.createObjectNode();
        }
        if (answer.ok()) {
            return new SendResult(
                    true, Event.text(body, "messageId"), Event.text(body, "queueId"), answer.status(), null, List.of());
        }
        List<String> errors = new ArrayList<>(Event.texts(body.get("errors")));
        if (errors.isEmpty()) {
            String detail = Event.text(body, "detail");
            errors.add(detail != null ? detail : "app-server answered " + answer.status());
        }
        String reply = Event.text(body, "reply");
        if (reply != null) {
            errors.add("mail server: " + reply);
        }
        String title = Event.text(body, "title");
        return new SendResult(false, null, null, answer.status(), title == null ? "Not sent" : title, errors);
    }
}
