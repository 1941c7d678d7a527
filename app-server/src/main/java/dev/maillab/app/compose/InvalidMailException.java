package dev.maillab.app.compose;

import java.util.List;

/** The request cannot become a correct message; nothing was sent. Each entry names the field and the reason. */
public class InvalidMailException extends RuntimeException {

    private final List<String> errors;

    public InvalidMailException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
