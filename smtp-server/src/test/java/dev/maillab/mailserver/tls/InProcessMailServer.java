package dev.maillab.mailserver.tls;

import dev.maillab.mailserver.SmtpServerApplication;
import dev.maillab.mailserver.pop3.Pop3Server;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.mailserver.smtp.SmtpService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole smtp-server application (SMTP, POP3, users, TLS beans as in production) on ephemeral loopback
 * ports, without the HTTP side.
 */
public final class InProcessMailServer implements AutoCloseable {

    public final ConfigurableApplicationContext context;

    /** @param extra further {@code --name=value} arguments */
    public InProcessMailServer(Path users, Path aliases, Path mailRoot, Path tlsDirectory, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.application.name=smtp-server",
                "--maillab.smtp.port=0",
                "--maillab.pop3.port=0",
                "--maillab.smtp.submission-port=0",
                "--maillab.smtp.smtps-port=0",
                "--maillab.pop3.pop3s-port=0",
                "--maillab.users.file=" + users,
                "--maillab.users.mail-root=" + mailRoot,
                "--maillab.tls.directory=" + tlsDirectory,
                "--maillab.pop3.auth-failure-delay=10ms",
                "--maillab.pop3.auth-failure-delay-max=50ms"));
        if (aliases != null) {
            args.add("--maillab.users.aliases-file=" + aliases);
        }
        args.addAll(List.of(extra));
        context = new SpringApplicationBuilder(SmtpServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    public int smtpPort() {
        return context.getBean(SmtpServer.class).port();
    }

    public int pop3Port() {
        return context.getBean(Pop3Server.class).port();
    }

    public int port(SmtpService service) {
        return context.getBean(SmtpServer.class).port(service);
    }

    public int pop3sPort() {
        return context.getBean(Pop3Server.class).pop3sPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
