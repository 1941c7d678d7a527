package dev.maillab.console.events;

import java.util.function.Supplier;

/**
 * What a page got from one service: the value, or why it has none ("smtp-server unreachable: connection refused at
 * 127.0.0.1:8025"). Pages render either; only a client error of the service (an unknown user: 404) still ends the
 * page, as the service's own answer.
 *
 * @param value   null when the service could not be read
 * @param problem null when it could
 */
public record Reading<T>(T value, String problem) {

    public static <T> Reading<T> of(Supplier<T> read) {
        try {
            return new Reading<>(read.get(), null);
        } catch (ServiceUnreachableException e) {
            return new Reading<>(null, e.getMessage());
        } catch (ServiceAnswerException e) {
            if (e.isClientError()) {
                throw e;
            }
            return new Reading<>(null, e.getMessage());
        }
    }

    public boolean ok() {
        return problem == null;
    }
}
