package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;

/** {@link SmtpStoreFaultTests} without TLS. */
class PlainSmtpStoreFaultTest extends SmtpStoreFaultTests {

    @Override
    SmtpConnection session(SmtpTestServer server) throws Exception {
        SmtpConnection c = server.connect();
        assertThat(c.greeting().code()).isEqualTo(220);
        assertThat(c.command("EHLO client").code()).isEqualTo(250);
        assertThat(c.isTls()).isFalse();
        return c;
    }
}
