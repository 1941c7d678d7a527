package dev.maillab.dns;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Authoritative DNS for the lab's zones, read from a BIND named.conf. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DnsServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DnsServerApplication.class, args);
    }
}
