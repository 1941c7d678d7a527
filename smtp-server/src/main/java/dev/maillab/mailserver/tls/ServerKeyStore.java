package dev.maillab.mailserver.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's key and certificate chain ({@code <hostname>.p12}: server certificate, then the lab CA). Unlike
 * the CA it is made again whenever it is not what the configuration asks for: missing, unreadable as PKCS#12,
 * not signed by the current CA (a self-signed one from before the lab CA), other names, or close to expiry.
 */
final class ServerKeyStore {

    private static final Logger log = LoggerFactory.getLogger(ServerKeyStore.class);
    static final String ALIAS = "mail";
    /** A self-signed key store that maillab versions without the lab CA wrote here; nothing signs it, so it goes. */
    static final String LEGACY_STORE = "smtp.p12";
    /** Renewed this long before it expires, so a running lab never meets an expired certificate. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private ServerKeyStore() {}

    static String fileName(String hostname) {
        return hostname.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "_") + ".p12";
    }

    static KeyStore loadOrCreate(TlsDirectory dir, String hostname, SubjectAltNames names, char[] password, LabCa ca)
            throws IOException, GeneralSecurityException {
        String name = fileName(hostname);
        if (!name.equals(LEGACY_STORE) && dir.delete(LEGACY_STORE)) {
            log.info("TLS: removed the self-signed {} from before the lab CA", dir.path(LEGACY_STORE));
        }
        KeyStore store;
        String reason;
        try {
            store = dir.readKeyStore(name, password);
            reason = store == null ? null : reasonToReplace(store, names, password, ca);
            if (reason == null && store != null) {
                return store;
            }
        } catch (IOException | GeneralSecurityException e) {
            reason = "it cannot be read as PKCS#12 ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")";
        }
        if (reason != null) {
            log.warn("TLS: replacing {}: {}", dir.path(name), reason);
        }
        KeyPair keys = LabCertificates.newKeyPair();
        X509Certificate cert =
                LabCertificates.server(keys.getPublic(), hostname, names, ca.keys, ca.certificate, Instant.now());
        store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {cert, ca.certificate});
        dir.writeKeyStore(name, store, password);
        log.info(
                "TLS: made the certificate of {} for {}, signed by the lab CA, in {}",
                hostname,
                names.entries(),
                dir.path(name));
        return store;
    }

    /** Why the stored key and chain cannot be used as they are, or null when they can. */
    static String reasonToReplace(KeyStore store, SubjectAltNames names, char[] password, LabCa ca)
            throws GeneralSecurityException {
        if (!(store.getKey(ALIAS, password) instanceof PrivateKey)) {
            return "it holds no key entry '" + ALIAS + "'";
        }
        Certificate[] chain = store.getCertificateChain(ALIAS);
        if (chain == null
                || chain.length != 2
                || !(chain[0] instanceof X509Certificate leaf)
                || !chain[1].equals(ca.certificate)) {
            return "it is not signed by the lab CA "
                    + ca.certificate.getSubjectX500Principal().getName();
        }
        try {
            leaf.verify(ca.keys.getPublic());
        } catch (GeneralSecurityException e) {
            return "its signature is not the lab CA's";
        }
        SubjectAltNames has = SubjectAltNames.of(leaf);
        if (!has.equals(names)) {
            return "it is for " + has.entries() + ", the configuration asks for " + names.entries();
        }
        if (leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return "it expires on " + leaf.getNotAfter().toInstant();
        }
        return null;
    }
}
