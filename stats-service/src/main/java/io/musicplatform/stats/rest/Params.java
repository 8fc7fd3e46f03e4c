package io.musicplatform.stats.rest;

import io.musicplatform.servicecore.problem.Problem;
import io.musicplatform.stats.service.Period;
import io.musicplatform.stats.service.StatsQueries.HistoryCursor;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the query parameters the statistics endpoints share; every bad value is a 400 naming its field. */
final class Params {

    /** The largest top list a client may ask for. */
    static final int MAX_TOP = 1000;
    /** The largest history page. */
    static final int MAX_PAGE = 100;
    /** A range without {@code from} covers this many days up to {@code to}. */
    static final int DEFAULT_RANGE_DAYS = 30;

    private static final Clock CLOCK = Clock.systemUTC();

    /** A range of UTC days, both ends included. */
    record DayRange(LocalDate from, LocalDate to) {
    }

    private Params() {
    }

    static LocalDate day(String field, String value, LocalDate absent, String path) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be a date as YYYY-MM-DD, e.g. 2026-11-27", path);
        }
    }

    static DayRange range(String from, String to, int maxDays, String path) {
        LocalDate end = day("to", to, LocalDate.now(CLOCK), path);
        LocalDate start = day("from", from, end.minusDays(DEFAULT_RANGE_DAYS - 1), path);
        if (start.isAfter(end)) {
            throw invalid("from", "must not be after to (" + end + ")", path);
        }
        if (start.plusDays(maxDays).isBefore(end.plusDays(1))) {
            throw invalid("to", "must be at most " + maxDays + " days after from; ask for a shorter range", path);
        }
        return new DayRange(start, end);
    }

    static Period period(String value, String path) {
        return Period.of(value == null ? "day" : value).orElseThrow(() -> invalid("period", "must be one of " + Period.names(), path));
    }

    /** The first day of the period that holds {@code date} (today when absent). */
    static LocalDate periodStart(Period period, String date, String path) {
        return period.start(day("date", date, LocalDate.now(CLOCK), path));
    }

    static String encode(HistoryCursor cursor) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((cursor.playedAt() + "|" + cursor.eventId()).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<HistoryCursor> cursor(String cursor, String path) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 2) {
                return Optional.of(new HistoryCursor(Instant.parse(parts[0]), UUID.fromString(parts[1])));
            }
        } catch (IllegalArgumentException | DateTimeParseException ignored) {
            // Reported below, as for any other cursor that is not ours.
        }
        throw invalid("cursor", "is not a cursor this service gave; start again without it", path);
    }

    static WebApplicationException invalid(String field, String message, String path) {
        return new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "Invalid request", field + " " + message, path)
                .withErrors(List.of(new Problem.FieldError(field, message))).toResponse());
    }
}
