package dev.maillab.dns.namedconf;

import java.nio.file.Path;

/**
 * One {@code zone "name" { type primary; file "..."; };} statement.
 *
 * @param name          the zone's origin, absolute (ends with a dot)
 * @param file          the zone file, already resolved against {@code directory} / named.conf's folder
 * @param allowTransfer who may AXFR it (the zone's own list, else the options' list, else loopback only)
 * @param line          where the statement starts in named.conf, for messages
 */
public record ZoneDeclaration(String name, Path file, AddressMatchList allowTransfer, Path declaredIn, int line) {}
