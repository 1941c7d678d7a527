package dev.maillab.mailserver.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.testkit.SmtpConnection;
import jakarta.activation.DataHandler;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mailbox API's tests' bench: a users file with a user per test, real mail written by Angus Mail and delivered
 * over SMTP (so the files are what the server writes), and the API over HTTP.
 */
final class MailboxLab {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path dir;
    private int httpPort;
    private int smtpPort;

    /** A directory as {@link AppUnderTest#directory} makes it, with these users added (password "password"). */
    MailboxLab(String prefix, String... users) {
        this.dir = AppUnderTest.directory(prefix);
        StringBuilder lines = new StringBuilder();
        int uid = 2000;
        for (String u : users) {
            lines.append(u)
                    .append(":{PLAIN}password:")
                    .append(uid)
                    .append(':')
                    .append(uid++)
                    .append(":::\n");
        }
        try {
            Files.writeString(dir.resolve("users"), lines, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    void ports(int httpPort, int smtpPort) {
        this.httpPort = httpPort;
        this.smtpPort = smtpPort;
    }

    Path maildir(String user) {
        return dir.resolve("mail").resolve(user).resolve("Maildir");
    }

    /** The files of new/ or cur/. */
    List<Path> files(String user, String folder) throws IOException {
        Path d = maildir(user).resolve(folder);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    /** Delivers over SMTP, exactly as written. */
    void deliver(String user, String message) throws IOException {
        SmtpConnection.deliver(smtpPort, "app@example.local", user + "@example.local", message);
    }

    void deliver(String user, MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        deliver(user, out.toString(StandardCharsets.UTF_8));
    }

    /** A plain message with this subject. */
    static String text(String subject) {
        return "From: app@example.local\nTo: someone@example.local\nSubject: " + subject
                + "\nDate: Mon, 1 Jun 2026 10:00:00 +0000\nMessage-ID: <" + subject.replace(' ', '-')
                + "@example.local>\n\nbody of " + subject + "\n";
    }

    /** Text and HTML (multipart/alternative) and one attachment, in multipart/mixed, as app-server builds mail. */
    static MimeMessage mixed(String user, String subject, String text, String html, String filename, byte[] attachment)
            throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("app@example.local", "Zoë App", "UTF-8"));
        m.setRecipients(MimeMessage.RecipientType.TO, user + "@example.local");
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        alternative.addBodyPart(plain);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        alternative.addBodyPart(rich);
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        mixed.addBodyPart(body);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        file.setFileName(filename);
        file.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(file);
        m.setContent(mixed);
        m.saveChanges();
        m.setHeader("Message-ID", "<" + subject.hashCode() + "." + System.nanoTime() + "@example.local>");
        return m;
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A JSON answer with status 200. */
    JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + body(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    /** A problem answer with this status: application/problem+json, the status repeated, a detail. */
    JsonNode problem(HttpResponse<byte[]> r, int status) {
        String what = r.request().method() + " " + r.request().uri() + ": " + body(r);
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asString()).isNotBlank();
        return p;
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
