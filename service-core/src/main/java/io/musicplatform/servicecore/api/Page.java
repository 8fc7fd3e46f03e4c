package io.musicplatform.servicecore.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every service answers lists: the items, and the cursor to pass as
 * {@code ?cursor=} for the next page, or {@code null} on the last one.
 */
public record Page<T>(
        List<T> items,
        @Schema(description = "Opaque; pass it back as ?cursor= to get the next page. Null on the last page.", nullable = true)
        String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }

    /**
     * The page made of rows fetched with one more than {@code limit}: that extra row is only the sign
     * that a next page exists, whose cursor comes from the last row kept.
     */
    public static <R, T> Page<T> ofOneMore(List<R> rows, int limit, Function<R, String> cursorOf, Function<R, T> view) {
        List<R> kept = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? cursorOf.apply(kept.getLast()) : null;
        return new Page<>(kept.stream().map(view).toList(), next);
    }
}
