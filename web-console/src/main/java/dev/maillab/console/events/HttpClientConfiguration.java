package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One java.net.http client for every call to the services and their event streams. */
@Configuration(proxyBeanMethods = false)
class HttpClientConfiguration {

    @Bean
    HttpClient serviceHttpClient(ConsoleProperties settings) {
        // HTTP/1.1: the services speak it on plain sockets; no h2c upgrade dance on each request
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
