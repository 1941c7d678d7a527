package dev.maillab.mailserver.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.mailserver.pop3.Pop3Server;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.testkit.Pop3Connection;
import dev.maillab.testkit.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The mailbox API over HTTP against the whole server: mail delivered over SMTP into real Maildirs, read, listed,
 * moved by POP3 and deleted, and every bad request answered with a problem while the service goes on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailboxApiTest {

    static final MailboxLab LAB = new MailboxLab(
            "maillab-mailbox-api-test",
            "lister",
            "reader",
            "parts",
            "raw",
            "deleter",
            "popped",
            "guarded",
            "busy",
            "broken");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, LAB.dir());
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    SmtpServer smtp;

    @Autowired
    Pop3Server pop3;

    @BeforeEach
    void ports() {
        LAB.ports(httpPort, smtp.port());
    }

    @Test
    void everyUserOfThePasswdFileIsListedWithTheCountsOfItsMaildir() throws Exception {
        LAB.deliver("lister", MailboxLab.text("one"));
        LAB.deliver("lister", MailboxLab.text("two"));

        JsonNode all = LAB.json("/api/mailboxes");

        List<String> users = new ArrayList<>();
        all.forEach(m -> users.add(m.get("user").asString()));
        // the passwd-file's order: the sample users, then this test's
        assertThat(users).startsWith("test", "alice", "bob", "lister").contains("busy");
        JsonNode lister = find(all, "lister");
        assertThat(lister.get("address").asString()).isEqualTo("lister@example.local");
        assertThat(lister.get("new").asInt()).isEqualTo(2);
        assertThat(lister.get("cur").asInt()).isZero();
        long bytes = 0;
        for (Path f : LAB.files("lister", "new")) {
            bytes += Files.size(f);
        }
        assertThat(lister.get("bytes").asLong()).isEqualTo(bytes).isPositive();
        // a user nothing was delivered to has no Maildir yet: all zero
        JsonNode empty = find(all, "guarded");
        assertThat(empty.get("new").asInt() + empty.get("cur").asInt()).isZero();
        assertThat(empty.get("bytes").asLong()).isZero();
    }

    @Test
    void messagesAreListedNewestFirstWithTheirHeaderFieldsAndFiles() throws Exception {
        for (String s : List.of("first", "second", "third")) {
            LAB.deliver("reader", MailboxLab.text(s));
        }

        HttpResponse<byte[]> r = LAB.get("/api/mailboxes/reader/messages");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(r.headers().firstValue("Link")).isEmpty();
        JsonNode list = MailboxLab.JSON.readTree(r.body());

        assertThat(list).hasSize(3);
        assertThat(List.of(
                        list.get(0).get("subject").asString(),
                        list.get(1).get("subject").asString(),
                        list.get(2).get("subject").asString()))
                .containsExactly("third", "second", "first");
        JsonNode newest = list.get(0);
        Path file = Path.of(newest.get("file").asString());
        assertThat(file)
                .isAbsolute()
                .exists()
                .hasParent(LAB.maildir("reader").resolve("new").toAbsolutePath());
        // the id is the base name, the POP3 UIDL: the file name up to its sizes
        assertThat(file.getFileName().toString()).startsWith(newest.get("id").asString() + ",S=");
        assertThat(newest.get("id").asString()).doesNotContain(",", ":");
        assertThat(newest.get("folder").asString()).isEqualTo("new");
        assertThat(newest.get("flags").asString()).isEmpty();
        assertThat(newest.get("size").asLong()).isEqualTo(Files.size(file));
        assertThat(newest.get("from").asString()).isEqualTo("app@example.local");
        assertThat(newest.get("to").asString()).isEqualTo("someone@example.local");
        assertThat(newest.get("date").asString()).isEqualTo("Mon, 1 Jun 2026 10:00:00 +0000");
        assertThat(newest.get("messageId").asString()).isEqualTo("<third@example.local>");
    }

    @Test
    void theDetailOfAMultipartMessageHasItsDecodedHeadersAndItsMimeTree() throws Exception {
        byte[] csv = "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8);
        LAB.deliver(
                "parts",
                MailboxLab.mixed(
                        "parts", "Grüße – report", "Hello, plain", "<p>Hello, <b>rich</b></p>", "report.csv", csv));
        String id = onlyId("parts");

        JsonNode d = LAB.json("/api/mailboxes/parts/messages/" + id);

        assertThat(d.get("id").asString()).isEqualTo(id);
        assertThat(d.get("subject").asString()).isEqualTo("Grüße – report");
        assertThat(d.get("from").asString()).isEqualTo("\"Zoë App\" <app@example.local>");
        assertThat(d.get("to").asString()).isEqualTo("parts@example.local");
        assertThat(d.get("messageId").asString()).startsWith("<").endsWith("@example.local>");
        List<String> names = new ArrayList<>();
        d.get("headers").forEach(h -> names.add(h.get("name").asString()));
        // the server's trace fields first, then the message's own, in order
        assertThat(names).startsWith("Return-Path", "Delivered-To", "Received").contains("Subject", "MIME-Version");
        JsonNode subject = header(d, "Subject");
        assertThat(subject.get("value").asString()).isEqualTo("Grüße – report");
        assertThat(header(d, "Received").get("value").asString()).doesNotContain("\r", "\n");

        assertThat(d.get("parts")).hasSize(1);
        JsonNode root = d.get("parts").get(0);
        assertThat(root.get("path").asString()).isEqualTo("1");
        assertThat(root.get("contentType").asString())
                .startsWith("multipart/mixed; ")
                .doesNotContain("\r", "\n");
        assertThat(root.get("size").asLong()).isZero();
        assertThat(root.get("filename").isNull()).isTrue();
        assertThat(root.get("children")).hasSize(2);
        JsonNode alternative = root.get("children").get(0);
        assertThat(alternative.get("path").asString()).isEqualTo("1.1");
        assertThat(alternative.get("contentType").asString()).startsWith("multipart/alternative");
        JsonNode plain = alternative.get("children").get(0);
        assertThat(plain.get("path").asString()).isEqualTo("1.1.1");
        assertThat(plain.get("contentType").asString()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(plain.get("size").asLong()).isEqualTo("Hello, plain".length());
        assertThat(plain.get("children")).isEmpty();
        JsonNode html = alternative.get("children").get(1);
        assertThat(html.get("path").asString()).isEqualTo("1.1.2");
        assertThat(html.get("contentType").asString()).isEqualTo("text/html; charset=UTF-8");
        JsonNode attachment = root.get("children").get(1);
        assertThat(attachment.get("path").asString()).isEqualTo("1.2");
        assertThat(attachment.get("filename").asString()).isEqualTo("report.csv");
        assertThat(attachment.get("size").asLong()).isEqualTo(csv.length);
    }

    @Test
    void brokenMimeStillHasADetailAndItsBodies() throws Exception {
        LAB.deliver(
                "broken",
                "Subject: no boundary\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\nno boundary here\n");
        LAB.deliver(
                "broken",
                "Subject: bad base64\nMIME-Version: 1.0\nContent-Type: application/pdf; name*=bogus'\n"
                        + "Content-Transfer-Encoding: base64\n\n!!!! not base64 ****\n");
        JsonNode list = LAB.json("/api/mailboxes/broken/messages");
        String base = "/api/mailboxes/broken/messages/";

        // a multipart without its boundary is a leaf: its body is what it is
        String noBoundary = list.get(1).get("id").asString();
        JsonNode leaf = LAB.json(base + noBoundary).get("parts").get(0);
        assertThat(leaf.get("contentType").asString()).isEqualTo("multipart/mixed");
        assertThat(leaf.get("children")).isEmpty();
        assertThat(MailboxLab.body(LAB.get(base + noBoundary + "/parts/1"))).isEqualTo("no boundary here\r\n");

        String badBase64 = list.get(0).get("id").asString();
        JsonNode part = LAB.json(base + badBase64).get("parts").get(0);
        assertThat(part.get("contentType").asString()).startsWith("application/pdf");
        // a body that does not decode is said so before any of it is sent
        JsonNode p = LAB.problem(LAB.get(base + badBase64 + "/parts/1"), 422);
        assertThat(p.get("detail").asString()).contains("does not decode");
        assertThat(LAB.json("/api/mailboxes/broken/messages")).hasSize(2);
    }

    @Test
    void theRawSourceIsTheFileAsADownloadThatNeverRuns() throws Exception {
        LAB.deliver("raw", MailboxLab.text("<script>alert(1)</script>"));
        String id = onlyId("raw");

        HttpResponse<byte[]> r = LAB.get("/api/mailboxes/raw/messages/" + id + "/raw");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(Files.readAllBytes(LAB.files("raw", "new").get(0)));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(r.body().length));
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment").contains(id + ".eml"));
        assertMailContentHeaders(r);
    }

    @Test
    void aPartIsItsDecodedBodyWithItsTypeAsADownload() throws Exception {
        byte[] pdf = new byte[3000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31);
        }
        String html = "<p onclick=\"alert(1)\">Hi</p><script>alert(2)</script>";
        LAB.deliver("parts", MailboxLab.mixed("parts", "with a pdf", "text", html, "Bericht März.pdf", pdf));
        String id = newest("parts").get("id").asString();
        String base = "/api/mailboxes/parts/messages/" + id + "/parts/";

        HttpResponse<byte[]> file = LAB.get(base + "1.2");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Length")).hasValue(Integer.toString(pdf.length));
        assertThat(file.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/octet-stream"));
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(org.springframework.http.ContentDisposition.parse(v)
                                .getFilename())
                        .isEqualTo("Bericht März.pdf"));
        assertMailContentHeaders(file);

        HttpResponse<byte[]> rich = LAB.get(base + "1.1.2");
        assertThat(rich.statusCode()).isEqualTo(200);
        assertThat(MailboxLab.body(rich)).isEqualTo(html);
        assertThat(rich.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(rich.headers().firstValue("Content-Disposition")).hasValue("attachment");
        assertMailContentHeaders(rich);

        LAB.problem(LAB.get(base + "1"), 404); // a multipart has no body of its own
        LAB.problem(LAB.get(base + "1.3"), 404);
        LAB.problem(LAB.get(base + "1.2.1"), 404);
        LAB.problem(LAB.get(base + "2"), 404);
    }

    @Test
    void aDeletedMessageIsGoneFromDiskAndAnswers404() throws Exception {
        LAB.deliver("deleter", MailboxLab.text("keep"));
        LAB.deliver("deleter", MailboxLab.text("drop"));
        JsonNode drop = newest("deleter");
        String id = drop.get("id").asString();
        Path file = Path.of(drop.get("file").asString());

        HttpResponse<byte[]> r = LAB.post("/api/mailboxes/deleter/messages/" + id + "/delete", Map.of());

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(file).doesNotExist();
        assertThat(LAB.files("deleter", "new")).hasSize(1);
        LAB.problem(LAB.get("/api/mailboxes/deleter/messages/" + id), 404);
        LAB.problem(LAB.get("/api/mailboxes/deleter/messages/" + id + "/raw"), 404);
        LAB.problem(LAB.post("/api/mailboxes/deleter/messages/" + id + "/delete", Map.of()), 404);
        JsonNode left = LAB.json("/api/mailboxes/deleter/messages");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("subject").asString()).isEqualTo("keep");
        // deleting is a POST: a GET of it is no way to delete
        LAB.problem(
                LAB.get("/api/mailboxes/deleter/messages/"
                        + left.get(0).get("id").asString() + "/delete"),
                405);
        assertThat(LAB.files("deleter", "new")).hasSize(1);
    }

    @Test
    void aMessageDeletedUnderAPop3SessionIsGoneForItAndTheSessionGoesOn() throws Exception {
        LAB.deliver("busy", MailboxLab.text("going"));
        LAB.deliver("busy", MailboxLab.text("staying"));
        String going = oldest("busy").get("id").asString();
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.login("busy", "password")).startsWith("+OK");
            assertThat(c.command("STAT")).startsWith("+OK 2 ");

            assertThat(LAB.post("/api/mailboxes/busy/messages/" + going + "/delete", Map.of())
                            .statusCode())
                    .isEqualTo(204);

            assertThat(c.command("RETR 1")).startsWith("-ERR");
            assertThat(c.command("RETR 2")).startsWith("+OK");
            assertThat(new String(c.readBody(), StandardCharsets.ISO_8859_1)).contains("body of staying");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        JsonNode left = LAB.json("/api/mailboxes/busy/messages");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("subject").asString()).isEqualTo("staying");
        assertThat(left.get(0).get("folder").asString()).isEqualTo("cur");
    }

    @Test
    void aMessagePop3RetrievedAndQuitIsInCurWithTheSeenFlagAndTheSameId() throws Exception {
        LAB.deliver("popped", MailboxLab.text("pop me"));
        String id = onlyId("popped");
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.login("popped", "password")).startsWith("+OK");
            assertThat(c.command("UIDL 1")).isEqualTo("+OK 1 " + id);
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readBody();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }

        JsonNode m = newest("popped");
        assertThat(m.get("id").asString()).isEqualTo(id);
        assertThat(m.get("folder").asString()).isEqualTo("cur");
        assertThat(m.get("flags").asString()).isEqualTo("S");
        assertThat(m.get("file").asString()).endsWith(":2,S").contains("/Maildir/cur/");
        assertThat(Path.of(m.get("file").asString())).exists();
        JsonNode box = find(LAB.json("/api/mailboxes"), "popped");
        assertThat(box.get("new").asInt()).isZero();
        assertThat(box.get("cur").asInt()).isEqualTo(1);
        // the id names it in cur/ as it did in new/, and so does its file name with the flags
        assertThat(LAB.json("/api/mailboxes/popped/messages/" + id)
                        .get("folder")
                        .asString())
                .isEqualTo("cur");
        String fileName = Path.of(m.get("file").asString()).getFileName().toString();
        assertThat(LAB.json("/api/mailboxes/popped/messages/" + fileName.replace(":", "%3A"))
                        .get("id")
                        .asString())
                .isEqualTo(id);
    }

    @Test
    void aDeleteThatAnotherSitesPageMakesTheBrowserSendIsRefused() throws Exception {
        LAB.deliver("guarded", MailboxLab.text("precious"));
        String path = "/api/mailboxes/guarded/messages/" + onlyId("guarded") + "/delete";

        JsonNode p = LAB.problem(LAB.post(path, Map.of("Origin", "http://evil.example")), 403);
        assertThat(p.get("detail").asString()).contains("another web site");
        LAB.problem(LAB.post(path, Map.of("Origin", "null")), 403);
        LAB.problem(LAB.post(path, Map.of("Sec-Fetch-Site", "cross-site")), 403);
        LAB.problem(LAB.post(path, Map.of("Sec-Fetch-Site", "same-site")), 403);
        LAB.problem(LAB.post("/api/elsewhere", Map.of("Origin", "http://evil.example")), 403);
        assertThat(LAB.files("guarded", "new")).hasSize(1);

        // the same origin (a page of this server) and a client that is no browser (the console's server) may
        assertThat(LAB.post(path, Map.of("Origin", "http://127.0.0.1:" + httpPort, "Sec-Fetch-Site", "same-origin"))
                        .statusCode())
                .isEqualTo(204);
        assertThat(LAB.files("guarded", "new")).isEmpty();
    }

    @Test
    void namesThatCannotBeNamesAre400AndUnknownOnes404() throws Exception {
        LAB.deliver("reader", MailboxLab.text("named"));
        String id = newest("reader").get("id").asString();
        String base = "/api/mailboxes/reader/messages/";

        for (String bad : List.of(
                "/api/mailboxes/a..b/messages",
                "/api/mailboxes/-reader/messages",
                "/api/mailboxes/read%20er/messages",
                "/api/mailboxes/reader/messages?before=..",
                base + "x..y",
                base + ".hidden",
                base + "a%5Cb",
                base + id + "/parts/1..2",
                base + id + "/parts/a",
                base + id + "/parts/1.",
                base + id + "/parts/12345",
                base + "a%2Fb",
                base + "a%2F..%2Fb",
                "/api/mailboxes/reader%2F..%2Ftest/messages")) {
            JsonNode p = LAB.problem(LAB.get(bad), 400);
            assertThat(p.get("title").asString()).as(bad).isEqualTo("Bad Request");
        }
        LAB.problem(LAB.post("/api/mailboxes/reader/messages/x..y/delete", Map.of()), 400);
        // Tomcat refuses an encoded NUL itself, before any handler (its own HTML 400)
        assertThat(LAB.get(base + id + "%00").statusCode()).isEqualTo(400);

        JsonNode nobody = LAB.problem(LAB.get("/api/mailboxes/nobody/messages"), 404);
        assertThat(nobody.get("detail").asString()).contains("nobody");
        LAB.problem(LAB.get("/api/mailboxes/nobody/messages/" + id), 404);
        LAB.problem(LAB.get(base + "1234567890.M1P1Q1.elsewhere"), 404);
        LAB.problem(LAB.get(base + "1234567890.M1P1Q1.elsewhere/parts/1"), 404);
        LAB.problem(LAB.get("/api/mailboxes/reader/other"), 404);
        LAB.problem(LAB.get("/api/nothing"), 404);
        LAB.problem(LAB.post("/api/nothing", Map.of()), 404);

        // and the service goes on
        assertThat(LAB.json(base + id).get("subject").asString()).isEqualTo("named");
    }

    private static JsonNode find(JsonNode mailboxes, String user) {
        for (JsonNode m : mailboxes) {
            if (m.get("user").asString().equals(user)) {
                return m;
            }
        }
        throw new AssertionError("no mailbox " + user + " in " + mailboxes);
    }

    private static JsonNode header(JsonNode detail, String name) {
        for (JsonNode h : detail.get("headers")) {
            if (h.get("name").asString().equals(name)) {
                return h;
            }
        }
        throw new AssertionError("no header " + name);
    }

    private static JsonNode newest(String user) throws Exception {
        return LAB.json("/api/mailboxes/" + user + "/messages").get(0);
    }

    private static JsonNode oldest(String user) throws Exception {
        JsonNode all = LAB.json("/api/mailboxes/" + user + "/messages");
        return all.get(all.size() - 1);
    }

    private static String onlyId(String user) throws Exception {
        JsonNode all = LAB.json("/api/mailboxes/" + user + "/messages");
        assertThat(all).hasSize(1);
        return all.get(0).get("id").asString();
    }

    static void assertMailContentHeaders(HttpResponse<byte[]> r) {
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void underAForeignHostNameTheApisAre403AndTheActuatorStillAnswers() throws Exception {
        // a page that rebinds its own name to 127.0.0.1 must not read the lab's mail from its visitor's browser
        assertThat(RawHttp.get(httpPort, "evil.example.com", "/api/mailboxes").status())
                .isEqualTo(403);
        assertThat(RawHttp.get(httpPort, "evil.example.com:" + httpPort, "/api/events")
                        .status())
                .isEqualTo(403);
        assertThat(RawHttp.get(httpPort, "mail.example.local:" + httpPort, "/api/mailboxes")
                        .status())
                .isEqualTo(200);
        assertThat(RawHttp.get(httpPort, "smtp-server", "/api/events").status()).isEqualTo(200);
        assertThat(RawHttp.get(httpPort, "evil.example.com", "/actuator/health").status())
                .isEqualTo(200);
    }
}
