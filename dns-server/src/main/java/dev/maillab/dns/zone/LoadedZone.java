package dev.maillab.dns.zone;

import dev.maillab.dns.namedconf.AddressMatchList;
import java.nio.file.Path;
import org.xbill.DNS.Name;
import org.xbill.DNS.Zone;

/**
 * A zone as loaded from its file. The {@link Zone} is never modified after loading: it is shared read-only by
 * every query thread.
 */
public record LoadedZone(
        Name origin, Zone zone, Path file, long serial, int recordCount, AddressMatchList allowTransfer) {}
