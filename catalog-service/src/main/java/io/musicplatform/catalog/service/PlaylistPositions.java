package io.musicplatform.catalog.service;

import java.util.Optional;
import java.util.stream.LongStream;

/**
 * The arithmetic of sparse positions: entries sit {@link #GAP} apart when spread out, and entries
 * inserted or moved between two neighbours take positions between theirs, so that the rest of the
 * playlist is not written. About twenty moves into the same spot use up a gap; then the playlist is
 * spread out again ({@link #spread}) and the move finds room.
 */
public final class PlaylistPositions {

    /** The distance between neighbours after a spread: 2^20, room for twenty halvings. */
    public static final long GAP = 1L << 20;

    private PlaylistPositions() {
    }

    /**
     * {@code count} increasing positions strictly between {@code before} and {@code after} (either
     * may be absent: the start or the end of the playlist), evenly spaced; empty when they do not fit.
     */
    public static Optional<long[]> between(Long before, Long after, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (before == null && after == null) {
            return Optional.of(LongStream.rangeClosed(1, count).map(i -> i * GAP).toArray());
        }
        if (after == null) {
            return Optional.of(LongStream.rangeClosed(1, count).map(i -> before + i * GAP).toArray());
        }
        if (before == null) {
            return Optional.of(LongStream.rangeClosed(1, count).map(i -> after - (count + 1 - i) * GAP).toArray());
        }
        long room = after - before;
        if (room <= count) {
            return Optional.empty();
        }
        long step = room / (count + 1);
        return Optional.of(LongStream.rangeClosed(1, count).map(i -> before + i * step).toArray());
    }

    /** The position of the {@code index}-th entry (from 0) after a spread. */
    public static long spread(long index) {
        return (index + 1) * GAP;
    }
}
