package dev.maillab.mailserver.tls;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What the server's TLS accepts, for STARTTLS and STLS alike: TLS 1.3 and 1.2 only, forward-secret AEAD
 * suites only (so no anonymous, NULL, RC4, 3DES or CBC suite), the server's order of preference, and no
 * renegotiation started by the client (a cheap way to make the server do expensive handshakes).
 */
public final class TlsPolicy {

    static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    static {
        rejectClientRenegotiation();
    }

    private TlsPolicy() {}

    /**
     * The JDK reads this property once, when the first server handshake of the process begins: so it is set first
     * thing in main, and again here, before any server context of this class exists.
     */
    public static void rejectClientRenegotiation() {
        System.setProperty(REJECT_RENEGOTIATION, "true");
    }

    /** The context with this policy on every engine and socket it makes. */
    public static SSLContext enforce(SSLContext context) {
        return new PolicyTlsContext(context, parameters(context));
    }

    static SSLParameters parameters(SSLContext context) {
        SSLParameters supported = context.getSupportedSSLParameters();
        SSLParameters params = context.getDefaultSSLParameters();
        params.setProtocols(PROTOCOLS.stream()
                .filter(Arrays.asList(supported.getProtocols())::contains)
                .toArray(String[]::new));
        params.setCipherSuites(Arrays.stream(params.getCipherSuites())
                .filter(TlsPolicy::acceptable)
                .toArray(String[]::new));
        params.setUseCipherSuitesOrder(true);
        return params;
    }

    /** TLS 1.3's suites, and TLS 1.2's ECDHE/DHE suites with GCM or ChaCha20-Poly1305. */
    static boolean acceptable(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        boolean weak = suite.contains("_anon_")
                || suite.contains("_NULL_")
                || suite.contains("_RC4_")
                || suite.contains("_3DES_")
                || suite.contains("_DES_")
                || suite.contains("_EXPORT");
        return forwardSecret && aead && !weak;
    }

    static SSLEngine apply(SSLEngine engine, SSLParameters policy) {
        // server mode first: switching modes afterwards would reset lists equal to the JDK's defaults
        engine.setUseClientMode(false);
        engine.setSSLParameters(narrow(engine.getSSLParameters(), policy));
        return engine;
    }

    static SSLSocket apply(SSLSocket socket, SSLParameters policy) {
        socket.setUseClientMode(false);
        socket.setSSLParameters(narrow(socket.getSSLParameters(), policy));
        return socket;
    }

    private static SSLParameters narrow(SSLParameters params, SSLParameters policy) {
        params.setProtocols(policy.getProtocols());
        params.setCipherSuites(policy.getCipherSuites());
        params.setUseCipherSuitesOrder(true);
        return params;
    }
}
