package io.musicplatform.stats.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The periods of the top lists: a UTC day, an ISO week (from Monday) or a calendar month, each named by its first day. */
public enum Period {
    DAY('D'), WEEK('W'), MONTH('M');

    private final char code;

    Period(char code) {
        this.code = code;
    }

    /** The one-letter code stored in the rollup tables. */
    public String code() {
        return String.valueOf(code);
    }

    /** The first day of the period that holds {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The first day after the period that starts on {@code start}. */
    public LocalDate end(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    public static Optional<Period> of(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(name == null ? "" : name.trim())).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
    }
}
