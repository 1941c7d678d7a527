package dev.maillab.app;

import dev.maillab.app.cli.SendCommand;
import dev.maillab.app.config.AppProperties;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The mail sender. {@code java -jar app-server-exec.jar} runs the HTTP API (port 8080);
 * {@code java -jar app-server-exec.jar send --to ... --subject ... --body ...} sends one message and exits.
 */
@SpringBootApplication
@EnableConfigurationProperties(AppProperties.class)
public class AppServerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(SendCommand.NAME)) {
            System.exit(SendCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(AppServerApplication.class, args);
    }
}
