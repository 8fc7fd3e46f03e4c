package io.musicplatform.catalog.rest;

import io.musicplatform.servicecore.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The opaque cursors of the browse lists: the values the previous page ended on, joined and
 * base64url-encoded. A cursor that this service did not give is a 400 naming the {@code cursor} field.
 */
final class PageCursor {

    private static final char SEPARATOR = '\u001F';

    private PageCursor() {
    }

    static String encode(String... values) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), values).getBytes(StandardCharsets.UTF_8));
    }

    static String[] decode(String cursor, int parts, String path) {
        try {
            String[] values = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(String.valueOf(SEPARATOR), -1);
            if (values.length == parts) {
                return values;
            }
        } catch (IllegalArgumentException ignored) {
            // Reported below, as for any other cursor that is not ours.
        }
        throw invalid("cursor", "is not a cursor this service gave; start again without it", path);
    }

    /**
     * The position a {@code cursor} names, read by {@code parse} from its {@code parts} values; empty
     * without a cursor. A cursor this service did not give, or whose values {@code parse} refuses
     * (throws), is a 400 naming the {@code cursor} field.
     */
    static <T> Optional<T> read(String cursor, int parts, String path, Function<String[], T> parse) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        String[] values = decode(cursor, parts, path);
        try {
            return Optional.of(parse.apply(values));
        } catch (RuntimeException e) {
            throw invalid("cursor", "is not a cursor this service gave; start again without it", path);
        }
    }

    static WebApplicationException invalid(String field, String message, String path) {
        return new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "Invalid request", field + " " + message, path)
                .withErrors(List.of(new Problem.FieldError(field, message))).toResponse());
    }
}
