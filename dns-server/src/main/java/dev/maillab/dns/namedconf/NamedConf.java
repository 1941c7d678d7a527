package dev.maillab.dns.namedconf;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The part of a BIND named.conf this server uses, read once and never changed.
 *
 * @param file       the named.conf that was read
 * @param listenPort {@code listen-on port N}, if given (maillab.dns.port decides the real port)
 * @param recursion  {@code recursion yes|no} (this server never recurses itself; see forwarders)
 * @param forwarders where names outside our zones are sent; empty means they get REFUSED
 * @param zones      the primary zones, in file order
 * @param files      every file this configuration was built from (named.conf, includes, zone files): the reload watch list
 */
public record NamedConf(
        Path file,
        OptionalInt listenPort,
        boolean recursion,
        List<InetSocketAddress> forwarders,
        List<ZoneDeclaration> zones,
        Set<Path> files) {

    public NamedConf {
        forwarders = List.copyOf(forwarders);
        zones = List.copyOf(zones);
        files = Set.copyOf(files);
    }
}
