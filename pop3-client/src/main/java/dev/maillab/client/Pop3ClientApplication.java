package dev.maillab.client;

import dev.maillab.client.check.CheckResult;
import dev.maillab.client.cli.Pop3ClientCommand;
import dev.maillab.net.ServerAddress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The POP3 checker: {@code java -jar pop3-client-exec.jar --host mail.example.local --port 110 --user test
 * --password password [--expect-subject S] [--wait 60s] ...}. A plain picocli program, no Spring context, so
 * it starts at once.
 */
public final class Pop3ClientApplication {

    private Pop3ClientApplication() {}

    public static void main(String[] args) {
        System.exit(execute(args, utf8(FileDescriptor.out), utf8(FileDescriptor.err)));
    }

    /** Runs the checker with the given streams; returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Pop3ClientCommand());
        cl.registerConverter(ServerAddress.class, ServerAddress::valueOf);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(Pop3ClientCommand.NAME + ": " + ex.getMessage());
            ex.getCommandLine().usage(err);
            err.flush();
            return CheckResult.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println(Pop3ClientCommand.NAME + ": ERROR: " + ex);
            err.flush();
            return CheckResult.ERROR;
        });
        return cl.execute(args);
    }

    /** Subjects are often Japanese: write UTF-8 whatever the locale says. */
    private static PrintWriter utf8(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }
}
