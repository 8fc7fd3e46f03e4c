package io.musicplatform.servicecore.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

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
}
