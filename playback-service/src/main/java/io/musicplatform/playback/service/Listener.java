package io.musicplatform.playback.service;

/**
 * The listener behind a request, from their token: {@code sub}, and the {@code country} claim
 * (ISO 3166-1 alpha-2) when their profile has one.
 */
public record Listener(String id, String country) {
}
