package io.musicplatform.stats.service;

import io.musicplatform.events.TrackPlayed;

/** A play as read from track-played, with where it was read: the partition and offset decide what a batch already counted. */
public record Play(int partition, long offset, TrackPlayed event) {
}
