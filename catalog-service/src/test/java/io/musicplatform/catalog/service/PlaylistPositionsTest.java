package io.musicplatform.catalog.service;

import org.junit.jupiter.api.Test;

import static io.musicplatform.catalog.service.PlaylistPositions.GAP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arithmetic of sparse positions. */
class PlaylistPositionsTest {

    @Test
    void anEmptyPlaylistStartsOneGapApart() {
        assertArrayEquals(new long[] {GAP, 2 * GAP, 3 * GAP}, PlaylistPositions.between(null, null, 3).orElseThrow());
    }

    @Test
    void atTheEndAndAtTheStartEntriesGoOneGapFurther() {
        assertArrayEquals(new long[] {5 * GAP, 6 * GAP}, PlaylistPositions.between(4 * GAP, null, 2).orElseThrow());
        assertArrayEquals(new long[] {-GAP, 0}, PlaylistPositions.between(null, GAP, 2).orElseThrow());
    }

    @Test
    void betweenTwoNeighboursTheRoomIsShared() {
        assertArrayEquals(new long[] {25, 50, 75}, PlaylistPositions.between(0L, 100L, 3).orElseThrow());
        assertArrayEquals(new long[] {GAP + GAP / 2}, PlaylistPositions.between(GAP, 2 * GAP, 1).orElseThrow());
    }

    @Test
    void noRoomMeansTheCallerSpreadsThePlaylistFirst() {
        assertTrue(PlaylistPositions.between(10L, 11L, 1).isEmpty());
        assertTrue(PlaylistPositions.between(10L, 13L, 3).isEmpty());
        assertArrayEquals(new long[] {11, 12, 13}, PlaylistPositions.between(10L, 14L, 3).orElseThrow());
    }

    @Test
    void twentyHalvingsFitInOneGap() {
        long before = GAP;
        long after = 2 * GAP;
        for (int move = 0; move < 20; move++) {
            after = PlaylistPositions.between(before, after, 1).orElseThrow()[0];
        }
        assertTrue(after > before);
    }

    @Test
    void spreadPositionsAreOneGapApartFromTheFirst() {
        assertArrayEquals(new long[] {GAP, 2 * GAP}, new long[] {PlaylistPositions.spread(0), PlaylistPositions.spread(1)});
        assertThrows(IllegalArgumentException.class, () -> PlaylistPositions.between(null, null, 0));
    }
}
