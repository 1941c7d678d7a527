package dev.maillab.console.testsupport;

import com.sun.net.httpserver.HttpHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * smtp-server's mailbox API over users' in-memory Maildirs, and its events. Names are checked as the contract says
 * (an unknown user 404, an id with "/" or ".." 400), so a console that passed such a name on would see it here.
 */
public class FakeSmtpServer extends FakeService {

    private final Map<String, List<FakeMessage>> mailboxes = new LinkedHashMap<>();

    public FakeSmtpServer(String... users) {
        super("smtp-server");
        for (String u : users) {
            mailboxes.put(u, new ArrayList<>());
        }
    }

    /** Puts the message into new/ (no event: {@link FakeLab#deliver} records those). */
    public synchronized void store(FakeMessage m) {
        mailboxes.get(m.user).add(m);
    }

    public synchronized List<FakeMessage> messages(String user) {
        return List.copyOf(mailboxes.get(user));
    }

    public synchronized void remove(FakeMessage m) {
        mailboxes.get(m.user).remove(m);
    }

    @Override
    protected HttpHandler handler(String method, String rawPath) {
        String[] seg = rawPath.split("/", -1);
        // "", "api", "mailboxes", user, "messages", id, ("raw" | "parts", path | "delete")
        if (seg.length < 3 || !seg[1].equals("api") || !seg[2].equals("mailboxes")) {
            return null;
        }
        if (seg.length == 3 && method.equals("GET")) {
            return ex -> json(ex, 200, mailboxesJson().toString());
        }
        String user = decode(seg[3]);
        return ex -> {
            List<FakeMessage> box;
            synchronized (this) {
                box = mailboxes.containsKey(user) ? List.copyOf(mailboxes.get(user)) : null;
            }
            if (box == null) {
                problem(ex, 404, "no such user: " + user);
                return;
            }
            if (seg.length == 5 && seg[4].equals("messages") && method.equals("GET")) {
                ArrayNode list = JSON.createArrayNode();
                for (int i = box.size() - 1; i >= 0; i--) {
                    list.add(box.get(i).summary());
                }
                json(ex, 200, list.toString());
                return;
            }
            if (seg.length < 6 || !seg[4].equals("messages")) {
                problem(ex, 404, "no such resource");
                return;
            }
            String id = decode(seg[5]);
            if (id.contains("/") || id.contains("..") || id.isEmpty()) {
                problem(ex, 400, "not a Maildir name: " + id);
                return;
            }
            FakeMessage m =
                    box.stream().filter(x -> x.id.equals(id)).findFirst().orElse(null);
            if (m == null) {
                problem(ex, 404, "no such message: " + id);
                return;
            }
            if (seg.length == 6 && method.equals("GET")) {
                json(ex, 200, m.detail().toString());
            } else if (seg.length == 7 && seg[6].equals("raw") && method.equals("GET")) {
                send(ex, 200, "message/rfc822", m.raw);
            } else if (seg.length == 8 && seg[6].equals("parts") && method.equals("GET")) {
                FakeMessage.Body body = m.bodies.get(decode(seg[7]));
                if (body == null) {
                    problem(ex, 404, "no such part");
                    return;
                }
                if (body.filename() != null) {
                    ex.getResponseHeaders()
                            .set("Content-Disposition", "attachment; filename=\"" + body.filename() + "\"");
                }
                send(ex, 200, body.contentType(), body.bytes());
            } else if (seg.length == 7 && seg[6].equals("delete") && method.equals("POST")) {
                remove(m);
                ObjectNode f = fields();
                f.put("user", user);
                f.put("message", m.id);
                f.put("path", m.file());
                publish("maildir.deleted", f);
                send(ex, 204, null, new byte[0]);
            } else {
                problem(ex, 404, "no such resource");
            }
        };
    }

    private synchronized ArrayNode mailboxesJson() {
        ArrayNode list = JSON.createArrayNode();
        mailboxes.forEach((user, box) -> {
            ObjectNode b = list.addObject();
            b.put("user", user);
            b.put("address", user + "@example.local");
            b.put("new", box.stream().filter(m -> m.folder.equals("new")).count());
            b.put("cur", box.stream().filter(m -> m.folder.equals("cur")).count());
            b.put("bytes", box.stream().mapToLong(m -> m.raw.length).sum());
        });
        return list;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
