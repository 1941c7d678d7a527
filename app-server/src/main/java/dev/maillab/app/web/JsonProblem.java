package dev.maillab.app.web;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Why a request body is not a mail request, as one line naming the field: {@code attachments[0].contentBase64: not
 * valid base64}, {@code to: expected an array of strings}, {@code subject: string longer than 1000000 characters}.
 */
final class JsonProblem {

    private JsonProblem() {}

    /** {@code field: reason}; the field is "body" when the problem is the document as a whole. */
    static String describe(JacksonException e) {
        String field = field(e);
        if (!field.isEmpty()) {
            return field + ": " + reason(e);
        }
        TokenStreamLocation at = e.getLocation();
        return "body: " + reason(e)
                + (at == null || at.getLineNr() < 0
                        ? ""
                        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    private static String field(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        StringBuilder sb = new StringBuilder();
        if (!path.isEmpty()) {
            for (JacksonException.Reference r : path) {
                if (r.getPropertyName() != null) {
                    sb.append(sb.length() == 0 ? "" : ".").append(r.getPropertyName());
                } else if (r.getIndex() >= 0) {
                    sb.append('[').append(r.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        // a streaming problem (bad UTF-8, a bound exceeded) knows only the parser's position
        if (e.processor() instanceof JsonParser p) {
            for (JsonPointer ptr = p.streamReadContext().pathAsPointer();
                    ptr != null && !ptr.matches();
                    ptr = ptr.tail()) {
                if (ptr.getMatchingIndex() >= 0) {
                    sb.append('[').append(ptr.getMatchingIndex()).append(']');
                } else {
                    sb.append(sb.length() == 0 ? "" : ".").append(ptr.getMatchingProperty());
                }
            }
        }
        return sb.toString();
    }

    private static String reason(JacksonException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() == byte[].class) {
            return "not valid base64 (" + oneLine(e.getOriginalMessage()) + ")";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "wrong type, expected " + typeName(m.getTargetType()) + " (" + oneLine(e.getOriginalMessage()) + ")";
        }
        if (e instanceof StreamConstraintsException) {
            return "over a request limit: " + oneLine(e.getOriginalMessage());
        }
        return oneLine(e.getOriginalMessage());
    }

    private static String typeName(Class<?> t) {
        if (t == byte[].class) {
            return "a base64 string";
        }
        if (List.class.isAssignableFrom(t) || t.isArray()) {
            return "an array";
        }
        if (t == String.class) {
            return "a string";
        }
        return "an object";
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unreadable JSON";
        }
        String line = s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
