package dev.maillab.mailserver.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's certificates, built with Bouncy Castle's X.509 builder; keys, signatures and parsing come
 * from the JDK's own providers (no provider is registered). P-256 keys, ECDSA with SHA-256.
 */
final class LabCertificates {

    /** The CA outlives any lab. */
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** The longest validity Apple's TLS clients accept, also for private CAs. */
    static final Duration SERVER_VALIDITY = Duration.ofDays(825);
    /** Clocks of containers and hosts may differ a little. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LabCertificates() {}

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** A self-signed CA that may sign server certificates only (path length 0). */
    static X509Certificate ca(KeyPair keys, Instant now) throws GeneralSecurityException {
        // the date in the name tells two labs' CAs apart in a client's list of authorities
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(
                        BCStyle.CN,
                        "maillab lab CA " + DateTimeFormatter.ISO_LOCAL_DATE.format(now.atOffset(ZoneOffset.UTC)))
                .addRDN(BCStyle.O, "maillab")
                .build();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), now, CA_VALIDITY);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException e) {
            throw new CertificateException(e);
        }
        return sign(builder, keys.getPrivate());
    }

    /** A TLS server certificate for {@code names}, signed by the CA. */
    static X509Certificate server(
            PublicKey key, String hostname, SubjectAltNames names, KeyPair caKeys, X509Certificate ca, Instant now)
            throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, hostname)
                .addRDN(BCStyle.O, "maillab")
                .build();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = builder(
                X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), subject, key, now, SERVER_VALIDITY);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, names.toGeneralNames())
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        } catch (CertIOException e) {
            throw new CertificateException(e);
        }
        return sign(builder, caKeys.getPrivate());
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, PublicKey key, Instant now, Duration validity) {
        // a random positive serial of 127 bits, as CAs must (RFC 5280: at most 20 octets)
        BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(
                issuer, serial, Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }
}
