package dev.maillab.mailserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of a server started as a process of its own (the crash tests kill it with SIGKILL): read on a daemon
 * thread to its end, so the process never blocks on a full pipe, and the port its log says it listens on.
 */
public final class ServerProcessOutput {

    private static final Pattern LISTENING = Pattern.compile("SMTP listening on 127\\.0\\.0\\.1:(\\d+)");

    private ServerProcessOutput() {}

    /** The SMTP port the server logs once it listens; fails when it exits first or takes longer than 4 minutes. */
    public static int awaitSmtpPort(Process server) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                port.complete(Integer.parseInt(m.group(1)));
                            }
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    port.completeExceptionally(new IllegalStateException("the server exited before listening"));
                },
                "server-process-output");
        pump.setDaemon(true);
        pump.start();
        return port.get(240, TimeUnit.SECONDS);
    }
}
