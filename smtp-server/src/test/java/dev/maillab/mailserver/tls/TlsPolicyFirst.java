package dev.maillab.mailserver.tls;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The JDK reads jdk.tls.rejectClientInitiatedRenegotiation once, at the first server handshake of the process.
 * main() sets it first thing in production; the test JVM runs many servers, some with contexts of their own, in
 * an order not known in advance, so it takes the same call before any test.
 */
public final class TlsPolicyFirst implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TlsPolicy.rejectClientRenegotiation();
    }
}
