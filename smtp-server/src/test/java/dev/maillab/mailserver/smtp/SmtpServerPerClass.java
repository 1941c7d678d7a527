package dev.maillab.mailserver.smtp;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link SmtpTestServer} with the default settings for all tests of a class, on a free loopback port, its mail
 * root in a temporary directory JUnit removes afterwards. A test class that needs other settings starts its own.
 */
abstract class SmtpServerPerClass {

    @TempDir
    static Path dir;

    static SmtpTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new SmtpTestServer(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
