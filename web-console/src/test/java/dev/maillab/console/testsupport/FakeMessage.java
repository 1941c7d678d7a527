package dev.maillab.console.testsupport;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real MIME message (written by Angus Mail) and what smtp-server's mailbox API says about it: the summary, the
 * headers, the MIME tree and each part's decoded body.
 */
public final class FakeMessage {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** One part's decoded body as {@code /parts/{path}} serves it. */
    public record Body(String contentType, String filename, byte[] bytes) {}

    public final String id;
    public final String user;
    public final byte[] raw;
    public final String messageId;
    public final String subject;
    public final String from;
    public final String to;
    public final String date;
    public volatile String folder = "new";
    public volatile String flags = "";
    public final Map<String, Body> bodies = new LinkedHashMap<>();
    private final ObjectNode tree;
    private final ArrayNode headers = JSON.createArrayNode();

    private FakeMessage(String user, MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        this.raw = out.toByteArray();
        this.user = user;
        // the base name, as smtp-server's ids and UIDLs are; the file adds ,S=<size>
        this.id = (System.currentTimeMillis() / 1000) + ".M" + (100000 + COUNTER.incrementAndGet()) + "P4242Q"
                + COUNTER.get() + ".mail";
        this.messageId = m.getMessageID();
        this.subject = m.getSubject();
        this.from = m.getFrom() == null ? null : InternetAddress.toUnicodeString(m.getFrom());
        this.to = m.getRecipients(MimeMessage.RecipientType.TO) == null
                ? null
                : InternetAddress.toUnicodeString(m.getRecipients(MimeMessage.RecipientType.TO));
        this.date = m.getHeader("Date", null);
        Enumeration<String> lines = m.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            String line = MimeUtility.unfold(lines.nextElement());
            int colon = line.indexOf(':');
            ObjectNode h = headers.addObject();
            h.put("name", line.substring(0, colon));
            h.put("value", MimeUtility.decodeText(line.substring(colon + 1).strip()));
        }
        this.tree = node(m, "1");
    }

    /** A message of text, HTML and one attachment, built as app-server would (multipart/mixed, alternative). */
    public static FakeMessage of(String user, String subject, String text, String html, Attachment attachment)
            throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("app@example.local", "maillab app"));
        m.setRecipients(MimeMessage.RecipientType.TO, user + "@example.local");
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        alternative.addBodyPart(plain);
        if (html != null) {
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            alternative.addBodyPart(rich);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        mixed.addBodyPart(body);
        if (attachment != null) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
            file.setFileName(attachment.filename());
            file.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(file);
        }
        m.setContent(mixed);
        m.saveChanges();
        // saveChanges names the Message-ID after the local host; the lab's are <uuid@example.local>
        m.setHeader("Message-ID", "<fake-" + COUNTER.incrementAndGet() + "-" + System.nanoTime() + "@example.local>");
        return new FakeMessage(user, m);
    }

    /** A message exactly as written (CRLF line ends), e.g. one that lacks headers the checker wants. */
    public static FakeMessage parse(String user, String raw) throws Exception {
        return new FakeMessage(
                user,
                new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    /** A plain text message. */
    public static FakeMessage text(String user, String subject, String text) throws Exception {
        return of(user, subject, text, null, null);
    }

    public record Attachment(String filename, String contentType, byte[] bytes) {
        public static Attachment text(String filename, String contentType, String content) {
            return new Attachment(filename, contentType, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    public String file() {
        return "/var/mail/" + user + "/Maildir/" + folder + "/" + id + ",S=" + raw.length
                + (folder.equals("cur") ? ":2," + flags : "");
    }

    ObjectNode summary() {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", id);
        s.put("folder", folder);
        s.put("flags", flags);
        s.put("size", raw.length);
        s.put("from", from);
        s.put("to", to);
        s.put("subject", subject);
        s.put("date", date);
        s.put("messageId", messageId);
        s.put("file", file());
        return s;
    }

    ObjectNode detail() {
        ObjectNode d = summary();
        d.set("headers", headers);
        d.putArray("parts").add(tree);
        return d;
    }

    private ObjectNode node(Part p, String path) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", path);
        n.put("contentType", MimeUtility.unfold(p.getContentType()));
        String name = p.getFileName() == null ? null : MimeUtility.decodeText(p.getFileName());
        n.put("filename", name);
        ArrayNode children = n.putArray("children");
        Object content = p.getContent();
        if (content instanceof Multipart mp) {
            n.put("size", 0);
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                children.add(node(child, path + "." + (i + 1)));
            }
        } else {
            byte[] bytes = p.getInputStream().readAllBytes();
            n.put("size", bytes.length);
            bodies.put(path, new Body(MimeUtility.unfold(p.getContentType()), name, bytes));
        }
        return n;
    }

    /** The paths of the parts of this media type ("text/html"), in tree order. */
    public List<String> pathsOf(String mediaType) {
        List<String> out = new ArrayList<>();
        bodies.forEach((path, b) -> {
            if (b.contentType().toLowerCase().startsWith(mediaType)) {
                out.add(path);
            }
        });
        return out;
    }
}
