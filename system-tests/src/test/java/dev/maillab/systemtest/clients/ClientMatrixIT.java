package dev.maillab.systemtest.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.flow.RunningStack;
import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everyday mail clients, each configured as README.md tells a user, against one running stack (the exec jars on
 * loopback ports): every sender's body arrives in the Maildir byte for byte; every fetcher gets all mail the first
 * time, nothing the second, then only what came since, with the bodies byte-identical to the delivered files.
 * Lines are compared with LF ends (the clients store LF, the wire and the Maildir CRLF).
 */
class ClientMatrixIT {

    /** swaks's DATA template puts two line ends after the body (swaks --dump DATA shows them). */
    private static final String SWAKS_TRAILER = "\n\n";

    private static final String SSL_CURL = "--ssl-reqd --cacert .maillab/tls/ca.pem";

    private static RunningStack stack;
    private static Readme readme;
    private static Path clients;
    private static Maildir inbox;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningStack.start();
        readme = Readme.of(Map.of(
                2525, stack.smtpPort(),
                2587, stack.submissionPort(),
                2465, stack.smtpsPort(),
                1110, stack.pop3Port(),
                1995, stack.pop3sPort()));
        clients = Layout.workDir("clients");
        // the clients run as nobody when the build runs as root: each home below must be reachable
        Files.setPosixFilePermissions(clients, PosixFilePermissions.fromString("rwx--x--x"));
        inbox = new Maildir(stack.mailRoot().resolve("test/Maildir"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    // --- sending

    @Test
    @RequiresClient("msmtp")
    void msmtpSendsInClear() throws Exception {
        sends(
                "msmtp",
                false,
                "msmtp --host=127.0.0.1 --port=2525 --from=alice@example.local test@example.local < mail.txt");
    }

    /** Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). */
    @Test
    @RequiresClient("msmtp")
    void msmtpSendsOverStarttls() throws Exception {
        sends(
                "msmtp",
                true,
                "msmtp --host=127.0.0.1 --port=2525 --tls=on --tls-starttls=on "
                        + "--tls-trust-file=.maillab/tls/ca.pem --from=alice@example.local test@example.local < mail.txt");
    }

    @Test
    @RequiresClient("swaks")
    void swaksSendsInClear() throws Exception {
        sends(
                "swaks",
                false,
                "swaks --server 127.0.0.1:2525 --to test@example.local --from alice@example.local"
                        + " --body @body.txt",
                SWAKS_TRAILER);
    }

    /** Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). */
    @Test
    @RequiresClient("swaks")
    void swaksSendsOverStarttls() throws Exception {
        sends(
                "swaks",
                true,
                "swaks --server 127.0.0.1:2525 --to test@example.local --from alice@example.local"
                        + " --body @body.txt --tls --tls-verify --tls-ca-path .maillab/tls/ca.pem",
                SWAKS_TRAILER);
    }

    @Test
    @RequiresClient("curl")
    void curlSendsInClear() throws Exception {
        sends(
                "curl",
                false,
                "curl -s --crlf smtp://127.0.0.1:2525 --mail-from alice@example.local"
                        + " --mail-rcpt test@example.local -T mail.txt");
    }

    /** Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). */
    @Test
    @RequiresClient("curl")
    void curlSendsOverStarttls() throws Exception {
        sends(
                "curl",
                true,
                "curl -s --crlf --ssl-reqd --cacert .maillab/tls/ca.pem smtp://127.0.0.1:2525"
                        + " --mail-from alice@example.local --mail-rcpt test@example.local -T mail.txt");
    }

    @Test
    @RequiresClient("s-nail")
    void sNailSendsInClear() throws Exception {
        sends(
                "s-nail",
                false,
                "s-nail -S v15-compat -S smtp-auth=none -S mta=smtp://127.0.0.1:2525"
                        + " -r alice@example.local -s hello test@example.local < body.txt");
    }

    /** Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). */
    @Test
    @RequiresClient("s-nail")
    void sNailSendsOverStarttls() throws Exception {
        sends(
                "s-nail",
                true,
                "s-nail -S v15-compat -S smtp-auth=none -S smtp-use-starttls"
                        + " -S tls-ca-file=.maillab/tls/ca.pem -S mta=smtp://localhost:2525"
                        + " -r alice@example.local -s hello test@example.local < body.txt");
    }

    @Test
    void jakartaMailSendsInClear() throws Exception {
        readme.line("`mail.smtp.host=127.0.0.1`, `mail.smtp.port=2525`");
        TestBody body = TestBody.unique("jakarta-smtp");
        JakartaMail.send(JakartaMail.properties("smtp", stack.smtpPort(), null), body);
        assertDelivered(body, false);
    }

    /** Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). */
    @Test
    void jakartaMailSendsOverStarttls() throws Exception {
        readme.line("`mail.smtp.starttls.enable=true`, `mail.smtp.starttls.required=true`,\n"
                + "`mail.smtp.ssl.checkserveridentity=true`");
        TestBody body = TestBody.unique("jakarta-smtp-tls");
        JakartaMail.send(JakartaMail.properties("smtp", stack.smtpPort(), LabCa.socketFactory(labCa())), body);
        assertDelivered(body, true);
    }

    // --- submitting as a user: submission (STARTTLS, then AUTH) and SMTPS (TLS from connect, then AUTH)

    @Test
    @RequiresClient("swaks")
    void swaksSubmitsOnTheSubmissionPort() throws Exception {
        submits(
                "swaks",
                "submission",
                "swaks --server 127.0.0.1:2587 --to test@example.local --from alice@example.local --body @body.txt"
                        + " --tls --tls-verify --tls-ca-path .maillab/tls/ca.pem --auth PLAIN --auth-user alice"
                        + " --auth-password password",
                SWAKS_TRAILER);
    }

    @Test
    @RequiresClient("swaks")
    void swaksSubmitsOverSmtps() throws Exception {
        submits(
                "swaks",
                "smtps",
                "swaks --server 127.0.0.1:2465 --to test@example.local --from alice@example.local --body @body.txt"
                        + " --tlsc --tls-verify --tls-ca-path .maillab/tls/ca.pem --auth PLAIN --auth-user alice"
                        + " --auth-password password",
                SWAKS_TRAILER);
    }

    @Test
    @RequiresClient("msmtp")
    void msmtpSubmitsOnTheSubmissionPort() throws Exception {
        submits(
                "msmtp",
                "submission",
                "msmtp --host=127.0.0.1 --port=2587 --tls=on --tls-starttls=on --tls-trust-file=.maillab/tls/ca.pem"
                        + " --auth=on --user=alice --passwordeval='echo password' --from=alice@example.local"
                        + " test@example.local < mail.txt",
                "");
    }

    @Test
    @RequiresClient("msmtp")
    void msmtpSubmitsOverSmtps() throws Exception {
        submits(
                "msmtp",
                "smtps",
                "msmtp --host=127.0.0.1 --port=2465 --tls=on --tls-starttls=off --tls-trust-file=.maillab/tls/ca.pem"
                        + " --auth=on --user=alice --passwordeval='echo password' --from=alice@example.local"
                        + " test@example.local < mail.txt",
                "");
    }

    @Test
    @RequiresClient("curl")
    void curlSubmitsOnTheSubmissionPort() throws Exception {
        submits(
                "curl",
                "submission",
                "curl -s --crlf --ssl-reqd --cacert .maillab/tls/ca.pem smtp://127.0.0.1:2587 -u alice:password"
                        + " --mail-from alice@example.local --mail-rcpt test@example.local -T mail.txt",
                "");
    }

    @Test
    @RequiresClient("curl")
    void curlSubmitsOverSmtps() throws Exception {
        submits(
                "curl",
                "smtps",
                "curl -s --crlf --cacert .maillab/tls/ca.pem smtps://127.0.0.1:2465 -u alice:password"
                        + " --mail-from alice@example.local --mail-rcpt test@example.local -T mail.txt",
                "");
    }

    @Test
    @RequiresClient("python3")
    void pythonSmtplibSubmitsOverSmtps() throws Exception {
        submits(
                "python3",
                "smtps",
                "python3 -c 'import smtplib,ssl; s=smtplib.SMTP_SSL(\"127.0.0.1\",2465,"
                        + "context=ssl.create_default_context(cafile=\".maillab/tls/ca.pem\")); s.login(\"alice\","
                        + "\"password\"); s.sendmail(\"alice@example.local\",[\"test@example.local\"],"
                        + "open(\"mail.txt\").read()); s.quit()'",
                "");
    }

    // --- fetching only new mail

    @Test
    @RequiresClient("fetchmail")
    void fetchmailFetchesOnlyNewMailInClear() throws Exception {
        fetchmail(
                false,
                "poll 127.0.0.1 service 1110 protocol pop3 uidl user test password password keep"
                        + " sslproto '' mda \"cat > ~/fetched/$$\"");
    }

    /** Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). */
    @Test
    @RequiresClient("fetchmail")
    void fetchmailFetchesOnlyNewMailOverStls() throws Exception {
        fetchmail(
                true,
                "poll localhost service 1110 protocol pop3 uidl user test password password keep"
                        + " sslproto tls1.2+ sslcertfile .maillab/tls/ca.pem mda \"cat > ~/fetched/$$\"");
    }

    @Test
    @RequiresClient("mpop")
    void mpopFetchesOnlyNewMailInClear() throws Exception {
        mpop(
                false,
                "mpop --host=127.0.0.1 --port=1110 --tls=off --auth=user --user=test"
                        + " --passwordeval='echo password' --keep=on --delivery=maildir,~/Maildir");
    }

    /**
     * Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). Then: the greeting's APOP timestamp
     * makes mpop try APOP, refused ("authentication failed (method APOP)").
     */
    @Test
    @RequiresClient("mpop")
    void mpopFetchesOnlyNewMailOverStls() throws Exception {
        mpop(
                true,
                "mpop --host=127.0.0.1 --port=1110 --tls=on --tls-starttls=on --tls-trust-file=.maillab/tls/ca.pem"
                        + " --user=test --passwordeval='echo password' --keep=on --delivery=maildir,~/Maildir");
    }

    /** What both getmailrc files of the README end with. */
    private static final String GETMAIL_REST = """

            [destination]
            type = Maildir
            path = ~/Maildir/

            [options]
            read_all = false
            delete = false
            """;

    /** getmail6 speaks no STLS: in clear here, over POP3S below. */
    @Test
    @RequiresClient("getmail")
    void getmailFetchesOnlyNewMailInClear() throws Exception {
        String rc = readme.line("""
                [retriever]
                type = SimplePOP3Retriever
                server = 127.0.0.1
                port = 1110
                username = test
                password = password

                [destination]
                type = Maildir
                path = ~/Maildir/

                [options]
                read_all = false
                delete = false
                """);
        ClientHome home = home("getmail", false);
        home.write(".getmail/getmailrc", rc, "rw-------");
        for (String sub : List.of("tmp", "new", "cur")) {
            home.mkdirs("Maildir/" + sub);
        }
        fetchesOnlyNewMail(new FilesFetcher(home, "getmail", Set.of(0), home.dir.resolve("Maildir/new")));
    }

    @Test
    @RequiresClient("curl")
    void curlFetchesOnlyNewMailInClear() throws Exception {
        fetchesOnlyNewMail(new CurlFetcher(home("curl-pop3", false), ""));
    }

    /** Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). */
    @Test
    @RequiresClient("curl")
    void curlFetchesOnlyNewMailOverStls() throws Exception {
        readme.line(
                "curl -s " + SSL_CURL + " pop3://127.0.0.1:1110/1 -u test:password   # either of the two with STLS");
        fetchesOnlyNewMail(new CurlFetcher(home("curl-pop3", true), SSL_CURL + " "));
    }

    @Test
    @RequiresClient("curl")
    void curlFetchesOnlyNewMailOverPop3s() throws Exception {
        fetchesOnlyNewMail(new CurlFetcher(
                homeWithCa("curl-pop3s"),
                readme.line("curl -s --cacert .maillab/tls/ca.pem pop3s://127.0.0.1:1995 -u test:password -X UIDL"),
                readme.line("curl -s --cacert .maillab/tls/ca.pem pop3s://127.0.0.1:1995/1 -u test:password"),
                stack.pop3sPort()));
    }

    @Test
    @RequiresClient("fetchmail")
    void fetchmailFetchesOnlyNewMailOverPop3s() throws Exception {
        fetchmail(
                homeWithCa("fetchmail-pop3s"),
                "poll localhost service 1995 protocol pop3 uidl user test password password keep ssl"
                        + " sslproto tls1.2+ sslcertfile .maillab/tls/ca.pem mda \"cat > ~/fetched/$$\"");
    }

    @Test
    @RequiresClient("mpop")
    void mpopFetchesOnlyNewMailOverPop3s() throws Exception {
        mpop(
                homeWithCa("mpop-pop3s"),
                "mpop --host=127.0.0.1 --port=1995 --tls=on --tls-starttls=off --tls-trust-file=.maillab/tls/ca.pem"
                        + " --user=test --passwordeval='echo password' --keep=on --delivery=maildir,~/Maildir");
    }

    @Test
    @RequiresClient("getmail")
    void getmailFetchesOnlyNewMailOverPop3s() throws Exception {
        String rc = readme.line("""
                [retriever]
                type = SimplePOP3SSLRetriever
                server = 127.0.0.1
                port = 1995
                username = test
                password = password
                ca_certs = .maillab/tls/ca.pem
                """);
        ClientHome home = homeWithCa("getmail-pop3s");
        home.write(".getmail/getmailrc", rc + GETMAIL_REST, "rw-------");
        for (String sub : List.of("tmp", "new", "cur")) {
            home.mkdirs("Maildir/" + sub);
        }
        fetchesOnlyNewMail(new FilesFetcher(home, "getmail", Set.of(0), home.dir.resolve("Maildir/new")));
    }

    /** poplib.POP3_SSL logs in and counts what the maildrop holds. */
    @Test
    @RequiresClient("python3")
    void pythonPoplibLogsInOverPop3s() throws Exception {
        deliver("poplib-pop3s");
        ClientHome.Outcome stat = homeWithCa("python3-pop3s")
                .run(readme.line("python3 -c 'import poplib,ssl; p=poplib.POP3_SSL(\"127.0.0.1\",1995,"
                        + "context=ssl.create_default_context(cafile=\".maillab/tls/ca.pem\")); p.user(\"test\");"
                        + " p.pass_(\"password\"); print(p.stat())'"));
        assertThat(stat.exitCode()).as(stat.output()).isZero();
        assertThat(stat.output().strip()).startsWith("(" + inbox.files().size() + ", ");
    }

    /** Blocked today: the CAPA before login lists no UIDL, so Jakarta Mail never asks for UIDs. */
    @Test
    void jakartaMailFetchesOnlyNewMailInClear() throws Exception {
        readme.line("`mail.pop3.host=127.0.0.1`, `mail.pop3.port=1110`");
        JakartaMail.Pop3Reader reader =
                new JakartaMail.Pop3Reader(JakartaMail.properties("pop3", stack.pop3Port(), null));
        fetchesOnlyNewMail(reader::fetchNew);
    }

    /**
     * Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). Then: the CAPA before login lists
     * no UIDL, so Jakarta Mail asks for no UIDs.
     */
    @Test
    void jakartaMailFetchesOnlyNewMailOverStls() throws Exception {
        readme.line("(the same three for `mail.pop3`)");
        JakartaMail.Pop3Reader reader = new JakartaMail.Pop3Reader(
                JakartaMail.properties("pop3", stack.pop3Port(), LabCa.socketFactory(labCa())));
        fetchesOnlyNewMail(reader::fetchNew);
    }

    // --- reading the maildrop in place

    /** Blocked today: the greeting's APOP timestamp makes s-nail try APOP, which the server refuses. */
    @Test
    @RequiresClient("s-nail")
    void sNailReadsTheMaildropInClear() throws Exception {
        sNailReads(false, "s-nail -S v15-compat -R -f pop3://test:password@127.0.0.1:1110");
    }

    /**
     * Blocked until the smtp-server writes the lab CA ($MAILLAB_HOME/tls/ca.pem). Then: the greeting's APOP timestamp
     * makes s-nail try APOP, refused (and s-nail hangs).
     */
    @Test
    @RequiresClient("s-nail")
    void sNailReadsTheMaildropOverStls() throws Exception {
        sNailReads(
                true,
                "s-nail -S v15-compat -S pop3-use-starttls -S tls-ca-file=.maillab/tls/ca.pem -R"
                        + " -f pop3://test:password@localhost:1110");
    }

    // --- the steps

    private void sends(String client, boolean tls, String documented) throws Exception {
        sends(client, tls, documented, "");
    }

    /** {@code trailer}: what the client itself adds after the body. */
    private void sends(String client, boolean tls, String documented, String trailer) throws Exception {
        TestBody body = TestBody.unique(client + (tls ? "-tls" : ""));
        ClientHome home = home(client, tls);
        home.write("body.txt", body.text(), "rw-r--r--");
        home.write("mail.txt", body.message(), "rw-r--r--");
        ClientHome.Outcome sent = home.run(readme.line(documented));
        assertThat(sent.exitCode())
                .as("%s exit code; output:%n%s", client, sent.output())
                .isZero();
        assertDelivered(body, tls, trailer);
    }

    /**
     * A client submitting as alice on {@code port} (submission or smtps), as the README has it: the body arrives, and
     * the Received: line says it came over TLS from an authenticated client (RFC 3848: ESMTPSA).
     */
    private void submits(String client, String port, String documented, String trailer) throws Exception {
        TestBody body = TestBody.unique(client + "-" + port);
        ClientHome home = homeWithCa(client + "-" + port);
        home.write("body.txt", body.text(), "rw-r--r--");
        home.write("mail.txt", body.message(), "rw-r--r--");
        ClientHome.Outcome sent = home.run(readme.line(documented));
        assertThat(sent.exitCode())
                .as("%s exit code; output:%n%s", client, sent.output())
                .isZero();
        MailFile message = assertBody(body, trailer);
        assertThat(message.headers()).containsPattern("with ESMTPSA ");
    }

    private static MailFile assertDelivered(TestBody body, boolean tls) {
        return assertDelivered(body, tls, "");
    }

    /** Exactly one message in test's Maildir carries the body, and it is the body sent, byte for byte. */
    private static MailFile assertDelivered(TestBody body, boolean tls, String trailer) {
        MailFile message = assertBody(body, trailer);
        // RFC 3848: ESMTPS in the Received: line when the message came over TLS. s-nail says HELO, not EHLO, after
        // STARTTLS, which makes it "with SMTP"; its smtp-use-starttls fails the send when TLS cannot be had.
        if (tls) {
            assertThat(message.headers())
                    .containsPattern(
                            message.headers().contains("User-Agent: s-nail") ? "with (ESMTPS|SMTP) " : "with ESMTPS ");
        } else {
            assertThat(message.headers()).doesNotContainPattern("with E?SMTPS");
        }
        return message;
    }

    /** The one message in test's Maildir that carries the body; its body is the one sent (and the trailer). */
    private static MailFile assertBody(TestBody body, String trailer) {
        List<MailFile> delivered = inbox.carrying(body.marker());
        assertThat(delivered)
                .as("messages in %s carrying %s", inbox.root(), body.marker())
                .hasSize(1);
        MailFile message = delivered.get(0);
        assertThat(message.decodedBody()).as("the body in the Maildir file").isEqualTo(body.text() + trailer);
        return message;
    }

    private void fetchmail(boolean tls, String documented) throws Exception {
        fetchmail(home("fetchmail", tls), documented);
    }

    private void fetchmail(ClientHome home, String documented) throws Exception {
        home.write(".fetchmailrc", readme.line(documented) + "\n", "rw-------");
        Path fetched = home.mkdirs("fetched");
        // exit 1 is fetchmail's "no new mail"
        fetchesOnlyNewMail(new FilesFetcher(home, "fetchmail", Set.of(0, 1), fetched));
    }

    private void mpop(boolean tls, String documented) throws Exception {
        mpop(home("mpop", tls), documented);
    }

    private void mpop(ClientHome home, String documented) throws Exception {
        readme.line("first: mkdir -p ~/Maildir/{tmp,new,cur}");
        home.run("mkdir -p ~/Maildir/{tmp,new,cur}");
        fetchesOnlyNewMail(new FilesFetcher(home, readme.line(documented), Set.of(0), home.dir.resolve("Maildir/new")));
    }

    /** A client that fetches only new mail, given back as the messages it fetched this time. */
    @FunctionalInterface
    interface Fetcher {
        List<MailFile> fetchNew() throws Exception;
    }

    /**
     * First fetch: every message on the server (a new client has seen none); second: nothing; after one more
     * delivery: that one. Each fetched body is the delivered file's, byte for byte.
     */
    private static void fetchesOnlyNewMail(Fetcher fetcher) throws Exception {
        TestBody first = deliver("fetch-first");
        int onServer = inbox.files().size();
        List<MailFile> all = fetcher.fetchNew();
        assertThat(all).as("the first fetch gets every message on the server").hasSize(onServer);
        assertSameBody(all, first);

        assertThat(fetcher.fetchNew()).as("a second fetch gets nothing new").isEmpty();

        TestBody second = deliver("fetch-second");
        List<MailFile> fresh = fetcher.fetchNew();
        assertThat(fresh)
                .as("after one more delivery, a fetch gets that one only")
                .hasSize(1);
        assertSameBody(fresh, second);
    }

    /** Delivered through the server by Jakarta Mail in clear: the mail a fetcher is to find. */
    private static TestBody deliver(String what) throws Exception {
        TestBody body = TestBody.unique(what);
        JakartaMail.send(JakartaMail.properties("smtp", stack.smtpPort(), null), body);
        return body;
    }

    private static void assertSameBody(List<MailFile> fetched, TestBody body) {
        MailFile delivered = assertDelivered(body, false);
        List<MailFile> hits =
                fetched.stream().filter(m -> m.contains(body.marker())).toList();
        assertThat(hits).as("fetched messages carrying %s", body.marker()).hasSize(1);
        assertThat(hits.get(0).rawBody()).as("the fetched body").isEqualTo(delivered.rawBody());
    }

    /** Runs the client, then takes the files that appeared in the directory it delivers to. */
    private static final class FilesFetcher implements Fetcher {

        private final ClientHome home;
        private final String command;
        private final Set<Integer> success;
        private final Path into;
        private final Set<Path> seen = new HashSet<>();

        FilesFetcher(ClientHome home, String command, Set<Integer> success, Path into) {
            this.home = home;
            this.command = command;
            this.success = success;
            this.into = into;
        }

        @Override
        public List<MailFile> fetchNew() throws Exception {
            ClientHome.Outcome run = home.run(command);
            assertThat(run.exitCode())
                    .as("%s exit code; output:%n%s", command, run.output())
                    .isIn(success);
            List<MailFile> fresh = new ArrayList<>();
            for (Path file : Maildir.list(into).sorted().toList()) {
                if (seen.add(file)) {
                    fresh.add(MailFile.read(file));
                }
            }
            return fresh;
        }
    }

    /** curl as a fetcher: the README's UIDL line, then its RETR line for each UIDL not fetched before. */
    private final class CurlFetcher implements Fetcher {

        private static final Pattern UIDL_LINE = Pattern.compile("(?m)^(\\d+) (\\S+)\\r?$");

        private final ClientHome home;
        private final String uidl;
        private final String retr;
        private final int port;
        private final Set<String> seen = new HashSet<>();

        /** POP3 on 1110, in clear or (tlsOptions) with STLS. */
        CurlFetcher(ClientHome home, String tlsOptions) {
            this(
                    home,
                    readme.line("curl -s pop3://127.0.0.1:1110 -u test:password -X UIDL")
                            .replace("curl -s ", "curl -s " + tlsOptions),
                    readme.line("curl -s pop3://127.0.0.1:1110/1 -u test:password")
                            .replace("curl -s ", "curl -s " + tlsOptions),
                    stack.pop3Port());
        }

        /** @param uidl, retr the README's lines (with the stack's ports), the RETR one for message 1 */
        CurlFetcher(ClientHome home, String uidl, String retr, int port) {
            this.home = home;
            this.uidl = uidl;
            this.retr = retr;
            this.port = port;
        }

        @Override
        public List<MailFile> fetchNew() throws Exception {
            ClientHome.Outcome list = home.run(uidl);
            assertThat(list.exitCode())
                    .as("curl UIDL; output:%n%s", list.output())
                    .isZero();
            List<MailFile> fresh = new ArrayList<>();
            Matcher m = UIDL_LINE.matcher(list.output());
            while (m.find()) {
                if (seen.add(m.group(2))) {
                    String at = ":" + port;
                    ClientHome.Outcome message = home.run(retr.replace(at + "/1 ", at + "/" + m.group(1) + " "));
                    assertThat(message.exitCode())
                            .as("curl RETR %s; output:%n%s", m.group(1), message.output())
                            .isZero();
                    fresh.add(MailFile.parse(message.output().getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
            return fresh;
        }
    }

    /** s-nail opens the maildrop read-only and writes each message's body to a file (its `write` command). */
    private void sNailReads(boolean tls, String documented) throws Exception {
        ClientHome home = home("s-nail-pop3", tls);
        TestBody body = deliver("s-nail-read");
        int onServer = inbox.files().size();
        // the commands go before the options, which end with -f and the mailbox
        StringBuilder command = new StringBuilder("s-nail");
        for (int i = 1; i <= onServer; i++) {
            command.append(" -Y 'write ").append(i).append(" body-").append(i).append("'");
        }
        command.append(" -Y quit").append(readme.line(documented).substring("s-nail".length()));
        ClientHome.Outcome read = home.run(command.toString());
        assertThat(read.exitCode())
                .as("s-nail exit code; output:%n%s", read.output())
                .isZero();
        assertThat(read.output()).contains(onServer + " messages");
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= onServer; i++) {
            bodies.add(MailFile.lf(Files.readString(home.dir.resolve("body-" + i), StandardCharsets.ISO_8859_1)));
        }
        assertThat(bodies)
                .as("the bodies s-nail wrote")
                .filteredOn(b -> b.contains(body.marker()))
                .containsExactly(assertDelivered(body, false).decodedBody());
    }

    private static ClientHome home(String client, boolean tls) throws IOException {
        return ClientHome.create(clients, client + (tls ? "-tls" : "-clear"), tls ? labCa() : null);
    }

    /** A home of its own with the lab CA where the README names it. */
    private static ClientHome homeWithCa(String name) throws IOException {
        return ClientHome.create(clients, name, labCa());
    }

    private static Path labCa() {
        return LabCa.require(stack.home(), stack.mailRoot());
    }
}
