package dev.maillab.mailserver.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.testkit.RawHttp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A client outside {@code maillab.smtp.faults.allowed-networks} gets 403 for {@code /api/faults}, even from loopback. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "maillab.smtp.faults.allowed-networks=10.0.0.0/8")
class FaultApiNetworksTest {

    static final Path DIR = AppUnderTest.directory("maillab-fault-networks-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, DIR);
    }

    @LocalServerPort
    int httpPort;

    @Test
    void aClientOutsideTheAllowedNetworksIs403() throws Exception {
        RawHttp.Response r = RawHttp.get(httpPort, "localhost:" + httpPort, "/api/faults");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("maillab.smtp.faults.allowed-networks");
    }
}
