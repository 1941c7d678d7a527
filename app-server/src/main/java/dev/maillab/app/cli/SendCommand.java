package dev.maillab.app.cli;

import dev.maillab.app.compose.InvalidMailException;
import dev.maillab.app.compose.MailRequest;
import dev.maillab.app.config.AppProperties;
import dev.maillab.app.events.EventPoster;
import dev.maillab.app.events.EventPostingProperties;
import dev.maillab.app.send.MailRejectedException;
import dev.maillab.app.send.MailServerUnavailableException;
import dev.maillab.app.send.MailService;
import dev.maillab.app.send.SendObserver;
import dev.maillab.app.send.SendReceipt;
import dev.maillab.app.send.SendReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code send --to a@b [--cc c@d] --subject S (--body B | --body-file F | -)}: one message with full headers, checked,
 * composed and routed through the MX exactly as the HTTP API does it, without starting the web application. Exits 0
 * once the mail server accepted the message, otherwise non-zero with the server's reply on stderr.
 */
@Command(
        name = SendCommand.NAME,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Send one message through the MX of the recipients' domain and exit.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the mail server accepted the message (its Message-ID is printed)",
            "1:the mail server rejected it (5xx); its reply is printed",
            "2:invalid command line, message or submission settings (nothing was sent)",
            "3:no mail server could be reached, or it kept answering 4xx"
        })
public class SendCommand implements Callable<Integer> {

    public static final String NAME = "send";

    public static final int ACCEPTED = 0;
    public static final int REJECTED = 1;
    public static final int INVALID = 2;
    public static final int UNAVAILABLE = 3;

    @Option(
            names = "--to",
            required = true,
            split = ",",
            paramLabel = "ADDRESS",
            description = "recipient (repeatable)")
    List<String> to = new ArrayList<>();

    @Option(names = "--cc", split = ",", paramLabel = "ADDRESS", description = "copy recipient (repeatable)")
    List<String> cc = new ArrayList<>();

    @Option(names = "--from", paramLabel = "ADDRESS", description = "sender (default maillab.app.from)")
    String from;

    @Option(
            names = {"--subject", "-s"},
            required = true,
            description = "subject (non-ASCII is fine)")
    String subject;

    @ArgGroup(exclusive = true, multiplicity = "1")
    BodySource body;

    static class BodySource {
        @Option(names = "--body", paramLabel = "TEXT", description = "body text")
        String text;

        @Option(names = "--body-file", paramLabel = "FILE", description = "body from a UTF-8 file; - = stdin")
        Path file;

        @Parameters(arity = "1", paramLabel = "-", description = "read the body from stdin")
        String stdin;
    }

    @Option(names = "--attach", paramLabel = "FILE", description = "attach a file (repeatable)")
    List<Path> attachments = new ArrayList<>();

    @Option(names = "--resolver", paramLabel = "HOST:PORT", description = "DNS server for the MX lookup")
    String resolver;

    @Option(names = "--smtp-port", paramLabel = "PORT", description = "SMTP port on the MX host")
    Integer smtpPort;

    @Option(names = "--fallback-host", paramLabel = "HOST", description = "used only when the MX lookup fails")
    String fallbackHost;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "submit as this user: the submission port, STARTTLS and AUTH (the password from "
                    + "--password-file or maillab.app.submission.password; never on the command line)")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the password of --user, its first line")
    Path passwordFile;

    @Option(names = "--submission-port", paramLabel = "PORT", description = "submission port on the MX host")
    Integer submissionPort;

    @Option(
            names = "--ca-file",
            paramLabel = "PEM",
            description = "the CA the submission server's certificate chains to")
    Path caFile;

    @Spec
    CommandSpec spec;

    private final InputStream in;

    SendCommand(InputStream in) {
        this.in = in;
    }

    public static int run(String... args) {
        CommandLogging.configure();
        return newCommandLine(System.in).execute(args);
    }

    static CommandLine newCommandLine(InputStream stdin) {
        CommandLine cl = new CommandLine(new SendCommand(stdin));
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("send: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return INVALID;
        });
        return cl;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MailRequest request;
        try {
            request = new MailRequest(from, to, cc, subject, readBody(), readAttachments());
        } catch (IOException e) {
            err.println("send: " + e.getMessage());
            return INVALID;
        }
        MailService service;
        try {
            service = MailService.standalone(properties(), eventPoster());
        } catch (IllegalStateException e) { // submission settings that cannot work: a password file unreadable, ...
            err.println("send: " + e.getMessage());
            err.flush();
            return INVALID;
        }
        try {
            SendReceipt receipt = service.send(request, SendReport.Source.COMMAND);
            out.println("accepted by " + receipt.relay() + ": Message-ID " + receipt.messageId() + " to "
                    + String.join(", ", receipt.recipients()) + " (" + receipt.reply() + ")");
            out.flush();
            return ACCEPTED;
        } catch (InvalidMailException e) {
            e.errors().forEach(m -> err.println("send: invalid: " + m));
            return INVALID;
        } catch (MailRejectedException e) {
            err.println("send: " + e.getMessage()); // "rejected by <relay>: <reply>", or the refused login
            return REJECTED;
        } catch (MailServerUnavailableException e) {
            err.println("send: " + e.getMessage());
            return UNAVAILABLE;
        } finally {
            err.flush();
        }
    }

    private String readBody() throws IOException {
        if (body.text != null) {
            return body.text;
        }
        if (body.stdin != null) {
            if (!body.stdin.equals("-")) {
                throw new IOException("unexpected argument " + body.stdin + " (use - to read the body from stdin)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (body.file.toString().equals("-")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(body.file, StandardCharsets.UTF_8);
    }

    private List<MailRequest.Attachment> readAttachments() throws IOException {
        List<MailRequest.Attachment> list = new ArrayList<>();
        for (Path p : attachments) {
            String type = Files.probeContentType(p);
            list.add(new MailRequest.Attachment(p.getFileName().toString(), type, Files.readAllBytes(p)));
        }
        return list;
    }

    /**
     * maillab.app.* from -D system properties and the environment (MAILLAB_APP_...), as the service reads them, the
     * command's options over them; the defaults are AppProperties'. No Spring context: the command starts in a
     * fraction of the time.
     */
    AppProperties properties() {
        return binder().bindOrCreate("maillab.app", AppProperties.class);
    }

    /**
     * With maillab.events.post-to set (the launcher sets it while app-server runs), the send's app.send event goes
     * to that app-server: this JVM's own journal would end with it.
     */
    SendObserver eventPoster() {
        EventPostingProperties posting = binder().bindOrCreate("maillab.events", EventPostingProperties.class);
        return posting.endpoint() == null ? SendObserver.NONE : new EventPoster(posting);
    }

    /** The command's options over -D system properties over the environment. */
    private Binder binder() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (resolver != null) {
            overrides.put("maillab.app.resolver", resolver);
        }
        if (smtpPort != null) {
            overrides.put("maillab.app.smtp-port", smtpPort);
        }
        if (fallbackHost != null) {
            overrides.put("maillab.app.fallback-host", fallbackHost);
        }
        if (user != null) {
            overrides.put("maillab.app.submission.username", user);
        }
        if (passwordFile != null) {
            overrides.put("maillab.app.submission.password-file", passwordFile.toString());
        }
        if (submissionPort != null) {
            overrides.put("maillab.app.submission.port", submissionPort);
        }
        if (caFile != null) {
            overrides.put("maillab.app.submission.ca-file", caFile.toString());
        }
        return new Binder(ConfigurationPropertySources.from(List.<PropertySource<?>>of(
                new MapPropertySource("command line", overrides),
                new PropertiesPropertySource("system properties", System.getProperties()),
                new SystemEnvironmentPropertySource("environment", new LinkedHashMap<>(System.getenv())))));
    }
}
