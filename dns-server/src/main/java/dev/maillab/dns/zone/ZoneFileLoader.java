package dev.maillab.dns.zone;

import dev.maillab.dns.namedconf.ConfigFileException;
import dev.maillab.dns.namedconf.ZoneDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/** Reads one BIND zone file with dnsjava's {@link Master} and checks what BIND would refuse to load. */
final class ZoneFileLoader {

    private static final Logger log = LoggerFactory.getLogger(ZoneFileLoader.class);
    /** dnsjava's tokenizer reports errors as {@code file:line: message}. */
    private static final Pattern LOCATED = Pattern.compile("^(.*?):(\\d+): (.*)$", Pattern.DOTALL);

    private ZoneFileLoader() {}

    static LoadedZone load(ZoneDeclaration declaration) {
        Path file = declaration.file();
        Name origin = Name.fromConstantString(declaration.name());
        if (!Files.isReadable(file)) {
            throw new ConfigFileException(
                    declaration.declaredIn(),
                    declaration.line(),
                    "zone '" + declaration.name() + "': cannot read " + file
                            + (Files.exists(file) ? ": permission denied" : ": no such file"));
        }
        List<Record> records = read(file, origin);
        checkCnames(file, records);
        Zone zone;
        try {
            zone = new Zone(origin, records.toArray(new Record[0]));
        } catch (IOException | RuntimeException e) {
            // dnsjava insists on an SOA and NS at the apex; that is where the file should start
            throw new ConfigFileException(file, 1, "zone '" + declaration.name() + "': " + e.getMessage(), e);
        }
        return new LoadedZone(
                origin, zone, file, zone.getSOA().getSerial(), records.size(), declaration.allowTransfer());
    }

    private static List<Record> read(Path file, Name origin) {
        List<Record> records = new ArrayList<>();
        try (Master master = new Master(file.toString(), origin, -1)) {
            Record record;
            while ((record = master.nextRecord()) != null) {
                if (record.getDClass() != DClass.IN) {
                    log.warn(
                            "{}: ignoring {} record of class {} (only IN is served)",
                            file,
                            record.getName(),
                            DClass.string(record.getDClass()));
                } else if (!record.getName().subdomain(origin)) {
                    log.warn("{}: ignoring out-of-zone data {}", file, record.getName()); // as BIND does
                } else {
                    records.add(record);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw located(file, e);
        }
        return records;
    }

    private static ConfigFileException located(Path file, Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Matcher matcher = LOCATED.matcher(message);
        if (matcher.matches()) {
            // dnsjava names the file without its folder; an $INCLUDEd file sits next to the zone file
            Path named = Path.of(matcher.group(1));
            Path where =
                    named.equals(file.getFileName()) ? file : named.isAbsolute() ? named : file.resolveSibling(named);
            return new ConfigFileException(where, Integer.parseInt(matcher.group(2)), matcher.group(3), e);
        }
        return new ConfigFileException(file, 1, message, e);
    }

    /** A CNAME owner can have no other data (RFC 1034 3.6.2); dnsjava would silently keep one of them. */
    private static void checkCnames(Path file, List<Record> records) {
        Map<Name, Set<Integer>> types = new HashMap<>();
        for (Record record : records) {
            types.computeIfAbsent(record.getName(), k -> new HashSet<>()).add(record.getType());
        }
        for (Map.Entry<Name, Set<Integer>> entry : types.entrySet()) {
            Set<Integer> set = entry.getValue();
            if (set.contains(Type.CNAME) && (set.size() > 1)) {
                set.remove(Type.RRSIG);
                set.remove(Type.NSEC);
                if (set.size() > 1) {
                    throw new ConfigFileException(
                            file,
                            OwnerLines.firstLineOf(file, entry.getKey()),
                            entry.getKey() + ": CNAME and other data");
                }
            }
        }
    }
}
