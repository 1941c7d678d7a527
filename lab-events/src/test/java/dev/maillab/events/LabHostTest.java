package dev.maillab.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabHostTest {

    @Test
    void theNamesTheLabIsReachedByAreAllowed() {
        for (String host : new String[] {
            "127.0.0.1:8025",
            "127.0.0.1",
            "172.19.0.3:8025",
            "[::1]:8025",
            "localhost:8053",
            "mail:8025",
            "smtp-server",
            "mail.example.local:8025",
            "MAIL.EXAMPLE.LOCAL.",
            "mail.example.test",
            "console.localhost:8088"
        }) {
            assertThat(LabHost.allowed(host)).as(host).isTrue();
        }
    }

    @Test
    void aPublicNameABadPortAndNoHostAreRefused() {
        for (String host : new String[] {
            null,
            "",
            "evil.example.com",
            "evil.example.com:8025",
            "127.0.0.1.nip.io",
            "local.evil.com",
            "mail.example.local:80x",
            "mail.example.local:",
            "[::1",
            "exa mple.local",
            "maïl.local"
        }) {
            assertThat(LabHost.allowed(host)).as(String.valueOf(host)).isFalse();
        }
    }
}
