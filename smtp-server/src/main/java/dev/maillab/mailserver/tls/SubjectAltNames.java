package dev.maillab.mailserver.tls;

import dev.maillab.net.IpLiteral;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The names a server certificate is valid for, each as {@code DNS:name} or {@code IP:address}: what the
 * configuration asks for and what a certificate on disk has, in one comparable form. Only {@link #toGeneralNames()},
 * used when a certificate is made, needs Bouncy Castle: a start with certificates in place loads none of it (its
 * signed jars cost ~0.15 s to open and verify, and their manifests stay on the heap).
 */
record SubjectAltNames(Set<String> entries) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?" + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

    /** The configured names plus the server's host name; an IP literal becomes an IP entry. */
    static SubjectAltNames of(String hostname, List<String> configured) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(entry(hostname));
        for (String name : configured) {
            entries.add(entry(name));
        }
        return new SubjectAltNames(Set.copyOf(entries));
    }

    /** What the certificate names (DNS and IP entries only). */
    static SubjectAltNames of(X509Certificate certificate) throws CertificateParsingException {
        Set<String> entries = new LinkedHashSet<>();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names != null) {
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                if (type == GeneralName.dNSName) {
                    entries.add("DNS:" + ((String) name.get(1)).toLowerCase(Locale.ROOT));
                } else if (type == GeneralName.iPAddress) {
                    entries.add("IP:" + canonicalIp((String) name.get(1)));
                }
            }
        }
        return new SubjectAltNames(Set.copyOf(entries));
    }

    GeneralNames toGeneralNames() {
        return new GeneralNames(entries.stream()
                .sorted()
                .map(e -> e.startsWith("IP:")
                        ? new GeneralName(GeneralName.iPAddress, e.substring(3))
                        : new GeneralName(GeneralName.dNSName, e.substring(4)))
                .toArray(GeneralName[]::new));
    }

    private static String entry(String name) {
        String n = name.trim();
        if (IPV4.matcher(n).matches() || n.contains(":")) {
            return "IP:" + canonicalIp(n);
        }
        if (!DNS_NAME.matcher(n).matches() || n.length() > 253) {
            throw new IllegalArgumentException(
                    "maillab.tls.subject-alt-names: '" + name + "' is neither a host name nor an IP address");
        }
        return "DNS:" + n.toLowerCase(Locale.ROOT);
    }

    /** An IP literal in the JDK's form; never a DNS query (a name is refused). */
    private static String canonicalIp(String literal) {
        String ip =
                literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        InetAddress address = IpLiteral.parse(ip);
        if (address == null) {
            throw new IllegalArgumentException("maillab.tls.subject-alt-names: '" + literal + "' is not an IP address");
        }
        return address.getHostAddress();
    }
}
