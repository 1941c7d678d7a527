package dev.maillab.mailserver.tls;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code maillab.tls.enabled} is true, read through {@link TlsProperties} so that its default is the
 * record's and nowhere else.
 */
public final class TlsEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bindOrCreate(TlsProperties.PREFIX, TlsProperties.class)
                .enabled();
    }
}
