package dev.maillab.mailserver.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's certificate authority: {@code ca.p12} holds its key (never leaves the directory), {@code ca.pem}
 * its certificate for clients to trust. Made once; a CA that cannot be read stops the server instead of being
 * replaced, since every client that trusts it would silently stop trusting the server.
 */
final class LabCa {

    private static final Logger log = LoggerFactory.getLogger(LabCa.class);
    static final String STORE = "ca.p12";
    static final String PEM = "ca.pem";
    private static final String ALIAS = "ca";

    final KeyPair keys;
    final X509Certificate certificate;

    private LabCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    static LabCa loadOrCreate(TlsDirectory dir, char[] password) throws IOException, GeneralSecurityException {
        LabCa ca = load(dir, password);
        if (ca == null) {
            KeyPair keys = LabCertificates.newKeyPair();
            X509Certificate cert = LabCertificates.ca(keys, Instant.now());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {cert});
            dir.writeKeyStore(STORE, store, password);
            ca = new LabCa(keys, cert);
            log.info(
                    "TLS: made the lab CA \"{}\" in {}",
                    cert.getSubjectX500Principal().getName(),
                    dir.path(STORE));
        }
        dir.writePem(PEM, ca.certificate);
        return ca;
    }

    private static LabCa load(TlsDirectory dir, char[] password) throws GeneralSecurityException {
        String problem;
        try {
            KeyStore store = dir.readKeyStore(STORE, password);
            if (store == null) {
                return null;
            }
            Key key = store.getKey(ALIAS, password);
            Certificate cert = store.getCertificate(ALIAS);
            if (key instanceof PrivateKey privateKey && cert instanceof X509Certificate x509) {
                x509.checkValidity(new Date());
                return new LabCa(new KeyPair(x509.getPublicKey(), privateKey), x509);
            }
            problem = "it holds no key entry '" + ALIAS + "'";
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            problem = "its certificate is not valid now (" + e.getMessage() + ")";
        } catch (IOException | GeneralSecurityException e) {
            // PKCS#12 reports a wrong password and a damaged file alike
            problem = "corrupt file or wrong password (maillab.tls.password): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
        throw new TlsSetupException("TLS: the lab CA " + dir.path(STORE) + " cannot be used: " + problem
                + ". Restore it, or delete it (and " + PEM + ") to make a new CA; clients must then trust the new "
                + dir.path(PEM));
    }
}
