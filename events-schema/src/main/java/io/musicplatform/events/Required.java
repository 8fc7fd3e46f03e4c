package io.musicplatform.events;

import java.util.List;
import java.util.Objects;

/**
 * Checks shared by the event records' constructors, so that a rejection always names the record
 * and the field. They mirror the schemas' {@code required} lists, {@code minLength: 1} and lower bounds.
 */
final class Required {

    private Required() {
    }

    static <T> T present(T value, String record, String field) {
        return Objects.requireNonNull(value, () -> record + "." + field + " is required and must not be null");
    }

    static String nonEmpty(String value, String record, String field) {
        present(value, record, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(record + "." + field + " is required and must not be empty");
        }
        return value;
    }

    static long atLeast(long minimum, long value, String record, String field) {
        if (value < minimum) {
            throw new IllegalArgumentException(record + "." + field + " must be >= " + minimum + ", was " + value);
        }
        return value;
    }

    /** For an optional text that, when present, the schema requires to be non-empty. */
    static String nullOrNonEmpty(String value, String record, String field) {
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException(record + "." + field + " must be null or not empty");
        }
        return value;
    }

    /** For an optional number that, when present, the schema bounds below. */
    static Integer nullOrAtLeast(int minimum, Integer value, String record, String field) {
        if (value != null && value < minimum) {
            throw new IllegalArgumentException(record + "." + field + " must be null or >= " + minimum + ", was " + value);
        }
        return value;
    }

    /** Absent lists are empty, never null; List.copyOf also rejects null elements. */
    static <T> List<T> listOrEmpty(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
