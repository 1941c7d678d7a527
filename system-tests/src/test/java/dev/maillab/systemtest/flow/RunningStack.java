package dev.maillab.systemtest.flow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link LoopbackStack} for tests outside this package (the client matrix): the same one way to start the
 * services, seen through what a mail client needs, its ports and the places the stack writes.
 */
public final class RunningStack implements AutoCloseable {

    private final LoopbackStack stack;

    private RunningStack(LoopbackStack stack) {
        this.stack = stack;
    }

    public static RunningStack start() throws IOException, InterruptedException {
        return new RunningStack(LoopbackStack.start());
    }

    /** The stack's MAILLAB_HOME: users, zones, logs, tls/. */
    public Path home() {
        return stack.home;
    }

    public Path mailRoot() {
        return stack.mailRoot;
    }

    public int smtpPort() {
        return stack.smtpPort;
    }

    public int pop3Port() {
        return stack.pop3Port;
    }

    public String smtpLog() throws IOException {
        return stack.smtp.log();
    }

    @Override
    public void close() throws InterruptedException {
        stack.close();
    }
}
