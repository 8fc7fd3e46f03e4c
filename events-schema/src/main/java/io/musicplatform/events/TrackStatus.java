package io.musicplatform.events;

/** Whether a track may be played. A takedown is a new revision of the track with TAKEN_DOWN. */
public enum TrackStatus {
    AVAILABLE,
    TAKEN_DOWN
}
