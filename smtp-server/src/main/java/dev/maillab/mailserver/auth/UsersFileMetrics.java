package dev.maillab.mailserver.auth;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;

/**
 * {@code maillab.users.file.stale{file=users|aliases}}: 1 while the file on disk was refused and the last good
 * content is in use; {@code maillab.users.file.entries}: users or aliases in use.
 */
public class UsersFileMetrics implements MeterBinder {

    private final PasswdFileUserDirectory directory;

    public UsersFileMetrics(PasswdFileUserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bind(registry, "users", directory::usersStatus);
        if (directory.aliasesStatus() != null) {
            bind(registry, "aliases", directory::aliasesStatus);
        }
    }

    private static void bind(MeterRegistry registry, String file, Supplier<WatchedFile.Status> status) {
        Gauge.builder("maillab.users.file.stale", status, s -> s.get().stale() ? 1 : 0)
                .tag("file", file)
                .description("1 while the file on disk was refused and the last good content is in use")
                .register(registry);
        Gauge.builder("maillab.users.file.entries", status, s -> s.get().entries())
                .tag("file", file)
                .description("users or aliases in use")
                .register(registry);
    }
}
