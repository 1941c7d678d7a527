package dev.maillab.labservers;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.testkit.ProjectRoot;

/**
 * The lab's real dns-server alone, serving the project's zones as they are (172.19.0.x, the compose network's
 * addresses), on a free loopback port, as a JUnit 5 extension:
 *
 * <pre>
 * {@literal @}RegisterExtension
 * static final ProjectZonesDns dns = new ProjectZonesDns();
 * </pre>
 */
public final class ProjectZonesDns extends InProcessServers {

    private EmbeddedDnsServer dns;

    /** A fresh server around each test instead of one for the class. */
    public ProjectZonesDns perTest() {
        perTestLifecycle();
        return this;
    }

    @Override
    protected void start() {
        dns = EmbeddedDnsServer.start(ProjectRoot.resolve("zones/named.conf"));
    }

    @Override
    protected void stop() {
        if (dns != null) {
            dns.close();
            dns = null;
        }
    }

    /** {@code 127.0.0.1:port}, for maillab.*.resolver / --resolver. */
    public String resolver() {
        requireRunning();
        return dns.resolverAddress();
    }
}
