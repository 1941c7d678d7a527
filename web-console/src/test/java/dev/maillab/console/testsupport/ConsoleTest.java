package dev.maillab.console.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console started once on a free port against one {@link FakeLab}, shared by the test classes that extend
 * this (one Spring context). Each test makes its own messages, so the tests do not depend on each other.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Selenium finds no CDP module for Debian's newer chromium; the test uses none
        properties = "logging.level.org.openqa.selenium=ERROR")
public abstract class ConsoleTest {

    protected static final FakeLab LAB = new FakeLab();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry r) {
        LAB.register(r);
    }

    @LocalServerPort
    protected int port;

    protected ConsoleHttp console() {
        return new ConsoleHttp(port);
    }
}
