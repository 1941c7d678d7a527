package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.Pop3Connection;

/** {@link Pop3StoreFaultTests} without TLS. */
class PlainPop3StoreFaultTest extends Pop3StoreFaultTests {

    @Override
    Pop3Connection session(Pop3TestServer pop3) throws Exception {
        Pop3Connection c = new Pop3Connection(pop3.port());
        assertThat(c.readLine()).startsWith("+OK");
        return c;
    }
}
