package dev.maillab.client.cli;

import dev.maillab.client.check.CheckResult;
import dev.maillab.client.check.Expectations;
import dev.maillab.client.check.MaildropChecker;
import dev.maillab.client.dns.HostResolver;
import dev.maillab.client.pop3.Pop3Limits;
import dev.maillab.client.pop3.Pop3Session;
import dev.maillab.client.report.JsonReport;
import dev.maillab.client.report.TextReport;
import dev.maillab.net.ServerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of the program {@code pop3-client}, which checks a maildrop ({@code ./maillab check} runs it); see
 * the usage text for the options and the exit status. Every line it writes to stderr starts with its name.
 */
@Command(
        name = Pop3ClientCommand.NAME,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Log in over POP3, retrieve the mail, check each message's RFC 5322 headers.",
            "Prints the conversation as telnet would show it (the password masked), then a verdict per message."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every check passed",
            "1:a check failed: mail missing, or a header missing or malformed",
            "2:connection, TLS, authentication or protocol error (or bad command line)"
        })
public class Pop3ClientCommand implements Callable<Integer> {

    /** The program's name: its module, its usage text and the prefix of its stderr lines. */
    public static final String NAME = "pop3-client";

    @Option(names = "--host", defaultValue = "mail.example.local", description = "POP3 host (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "110", description = "POP3 port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--user", required = true, description = "mailbox name")
    String user;

    @Option(names = "--password", required = true, description = "its password (never printed)")
    String password;

    @Option(
            names = "--also-mailbox",
            paramLabel = "USER@HOST",
            description = "after --user's, check this mailbox too, with the same password, port, TLS and"
                    + " expectations (repeatable; e.g. bob@mail.example.test: the other lab domain's server);"
                    + " the exit status is the worst of the checks")
    List<String> alsoMailboxes = new ArrayList<>();

    @Option(names = "--tls", description = "upgrade with STLS before logging in")
    boolean tls;

    @Option(names = "--insecure", description = "with --tls: accept any certificate (lab self-signed)")
    boolean insecure;

    @Option(
            names = "--cafile",
            paramLabel = "PATH",
            description =
                    "with --tls: trust only the CA certificate(s) in this PEM file (the host name is checked too)")
    Path cafile;

    @Option(
            names = "--expect-subject",
            paramLabel = "S",
            description = "a message with exactly this Subject must be there")
    String expectSubject;

    @Option(
            names = "--expect-count",
            paramLabel = "N",
            description = "at least N messages must be there (default 1 unless --expect-subject is given)")
    Integer expectCount;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "poll until the expected mail is there, up to this long (e.g. 60s)")
    Duration wait;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description = "pause between polls (default ${DEFAULT-VALUE})")
    Duration pollInterval;

    @Option(
            names = "--newest",
            paramLabel = "N",
            defaultValue = "0",
            description = "retrieve only the newest N messages (default: all)")
    int newest;

    @Option(names = "--delete", description = "delete the retrieved messages when every check passed")
    boolean delete;

    @Option(names = "--lenient", description = "missing To, Subject or Message-ID only warns (RFC 5322's minimum)")
    boolean lenient;

    @Option(names = "--json", description = "print the result as JSON instead of the transcript")
    boolean json;

    @Option(
            names = "--resolver",
            paramLabel = "HOST:PORT",
            description = "DNS server for the host name, port 53 unless named (default: the system resolver)")
    ServerAddress resolver;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "connect, read and DNS timeout (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (newest < 0 || (expectCount != null && expectCount < 0) || port < 1 || port > 65535) {
            err.println(NAME + ": --newest, --expect-count must be >= 0 and --port 1..65535");
            return CheckResult.ERROR;
        }
        if (cafile != null && (!tls || insecure)) {
            err.println(NAME + ": --cafile needs --tls and cannot go with --insecure");
            return CheckResult.ERROR;
        }
        SSLSocketFactory factory;
        try {
            factory = tlsFactory();
        } catch (GeneralSecurityException | IOException e) {
            err.println(NAME + ": --cafile " + cafile + ": " + e.getMessage());
            return CheckResult.ERROR;
        }
        List<Mailbox> mailboxes = new ArrayList<>(List.of(new Mailbox(user, host)));
        for (String also : alsoMailboxes) {
            int at = also.lastIndexOf('@');
            if (at < 1 || at == also.length() - 1) {
                err.println(NAME + ": --also-mailbox takes USER@HOST (e.g. bob@mail.example.test), not '" + also + "'");
                return CheckResult.ERROR;
            }
            mailboxes.add(new Mailbox(also.substring(0, at), also.substring(at + 1)));
        }
        int worst = CheckResult.PASSED;
        for (Mailbox mailbox : mailboxes) {
            // with one mailbox the verdict line stays as it always was; with more it names its mailbox
            String label = mailboxes.size() > 1 ? mailbox.user() + "@" + mailbox.host() + ": " : "";
            worst = Math.max(worst, check(mailbox, label, factory, out, err));
        }
        return worst;
    }

    /** A mailbox to check: its user on its POP3 host. */
    private record Mailbox(String user, String host) {}

    private int check(Mailbox mailbox, String label, SSLSocketFactory factory, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        Pop3Session.Options options =
                new Pop3Session.Options(mailbox.user(), password, tls, factory, !insecure, newest);
        MaildropChecker.Settings settings = new MaildropChecker.Settings(
                mailbox.host(),
                port,
                options,
                new Expectations(expectSubject, expectCount),
                lenient,
                delete,
                wait,
                pollInterval);
        MaildropChecker checker = new MaildropChecker(
                new HostResolver(resolver, timeout),
                new Pop3Session(Pop3Limits.defaults(timeout)),
                Clock.systemUTC(),
                line -> {
                    err.println(NAME + ": " + line);
                    err.flush();
                });
        CheckResult result = checker.run(settings);
        if (json) {
            JsonReport.print(result, out);
        } else {
            TextReport.print(result, out);
        }
        if (result.exitCode() != CheckResult.PASSED) {
            err.println(NAME + ": " + label + result.result() + ": " + result.reason());
        }
        err.flush();
        return result.exitCode();
    }

    private SSLSocketFactory tlsFactory() throws GeneralSecurityException, IOException {
        if (!tls) {
            return null;
        }
        if (cafile != null) {
            return trusting(cafile);
        }
        if (!insecure) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
        return ctx.getSocketFactory();
    }

    /** Sockets that trust the certificates of one PEM file and nothing else (the JDK's CAs do not count). */
    static SSLSocketFactory trusting(Path pem) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file", e);
        } catch (CertificateException e) {
            throw new CertificateException("not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new CertificateException("no certificate in it");
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            trusted.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
        return ctx.getSocketFactory();
    }

    /** Only with --insecure, for a lab certificate nobody signed. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
