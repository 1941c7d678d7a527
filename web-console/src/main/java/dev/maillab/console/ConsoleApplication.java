package dev.maillab.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The lab bench: server-rendered pages over the three services' JSON APIs, and one event stream of its own that
 * relays theirs to the browser. {@code java -jar web-console-exec.jar} serves http://127.0.0.1:8088.
 */
@SpringBootApplication
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
