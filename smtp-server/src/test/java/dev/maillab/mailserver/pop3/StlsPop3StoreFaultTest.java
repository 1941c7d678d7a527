package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.smtp.SmtpTestServer;
import dev.maillab.mailserver.tls.CaTrust;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.testkit.Pop3Connection;
import javax.net.ssl.SSLSocket;

/** {@link Pop3StoreFaultTests} inside STLS, trusting the lab CA only. */
class StlsPop3StoreFaultTest extends Pop3StoreFaultTests {

    @Override
    Pop3Connection session(Pop3TestServer pop3) throws Exception {
        Pop3Connection c = new Pop3Connection(pop3.port());
        assertThat(c.readLine()).startsWith("+OK");
        assertThat(c.command("STLS")).isEqualTo("+OK Begin TLS negotiation now");
        SSLSocket tls = (SSLSocket) CaTrust.trusting(ServerTlsContext.caPem(SmtpTestServer.TEST_TLS))
                .getSocketFactory()
                .createSocket(c.socket(), "127.0.0.1", pop3.port(), true);
        tls.startHandshake();
        c.use(tls);
        return c;
    }
}
