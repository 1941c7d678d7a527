package dev.maillab.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.app.AppServerApplication;
import dev.maillab.app.testsupport.SseClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A live stream lasts as long as its reader: longer than MVC's async request timeout and Tomcat's connection
 * timeout, with nothing to send in between (no ping is due for 30 s). And a reader that never leaves does not hold
 * up the service's graceful shutdown, which would otherwise wait its whole timeout for the stream's request: the
 * streams end first, each with the end of its response.
 */
@Timeout(60)
class EventStreamLifetimeTest {

    @Test
    void aStreamOutlivesTheTimeoutsAndEndsWhenTheServiceStops() throws Exception {
        ConfigurableApplicationContext app = SpringApplication.run(
                AppServerApplication.class,
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--spring.mvc.async.request-timeout=1s",
                "--server.tomcat.connection-timeout=1s",
                "--spring.lifecycle.timeout-per-shutdown-phase=20s",
                "--maillab.events.ping-interval=30s");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        SseClient reader = new SseClient(port, null, 15_000);
        try {
            assertThat(reader.next().comment()).isEqualTo("hello");
            Thread.sleep(2500);
            HttpResponse<String> posted = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"kind":"app.send","source":"command","messageId":"<late@example.local>",
                                     "from":"app@example.local","to":["test@example.local"],"subject":"s",
                                     "lookups":[],"relay":null,"reply":null,"queueId":null,"millis":3,
                                     "error":"no mail server"}"""))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            assertThat(reader.nextEvent().data()).contains("<late@example.local>");

            long start = System.nanoTime();
            app.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            // the response ended (its last chunk), long before a ping was due
            assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("stream ended");
        } finally {
            reader.close();
            app.close();
        }
    }
}
