package io.musicplatform.catalog.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The orders a track list can take; each is made total by the track id, so that paging never repeats or skips. */
public enum TrackSort {
    /** By title, A to Z. */
    TITLE("title", "t.title", false),
    /** Newest additions first. */
    ADDED("added", "t.created_at", true),
    /** Shortest first. */
    DURATION("duration", "t.duration_ms", false);

    private final String key;
    private final String column;
    private final boolean descending;

    TrackSort(String key, String column, boolean descending) {
        this.key = key;
        this.column = column;
        this.descending = descending;
    }

    /** The name clients use: {@code ?sort=title}. */
    public String key() {
        return key;
    }

    /** The column of table {@code track t} it orders by (SQL). */
    String column() {
        return column;
    }

    boolean descending() {
        return descending;
    }

    public static Optional<TrackSort> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(TrackSort::key).toList());
    }
}
