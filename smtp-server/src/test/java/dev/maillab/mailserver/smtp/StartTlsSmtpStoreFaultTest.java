package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;

/** {@link SmtpStoreFaultTests} inside STARTTLS. */
class StartTlsSmtpStoreFaultTest extends SmtpStoreFaultTests {

    @Override
    SmtpConnection session(SmtpTestServer server) throws Exception {
        SmtpConnection c = server.connect();
        assertThat(c.greeting().code()).isEqualTo(220);
        assertThat(c.command("EHLO client").lines()).contains("STARTTLS");
        assertThat(c.startTls().code()).isEqualTo(220);
        assertThat(c.command("EHLO client").code()).isEqualTo(250);
        assertThat(c.isTls()).isTrue();
        return c;
    }
}
