package dev.maillab.mailserver.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the users and aliases files (maillab.users.*), their metrics and their health. */
@Configuration(proxyBeanMethods = false)
public class UsersConfiguration {

    @Bean
    PasswdFileUserDirectory userDirectory(UsersProperties properties) {
        return new PasswdFileUserDirectory(properties);
    }

    @Bean
    UsersFileMetrics usersFileMetrics(PasswdFileUserDirectory directory) {
        return new UsersFileMetrics(directory);
    }

    @Bean
    UsersHealthIndicator usersHealthIndicator(PasswdFileUserDirectory directory) {
        return new UsersHealthIndicator(directory);
    }
}
