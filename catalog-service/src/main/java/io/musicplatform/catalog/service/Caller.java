package io.musicplatform.catalog.service;

/**
 * The listener behind a request: the token's {@code sub} and, for display, its {@code preferred_username}.
 */
public record Caller(String id, String name) {
}
