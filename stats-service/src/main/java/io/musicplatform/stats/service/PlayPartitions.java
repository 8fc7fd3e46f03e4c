package io.musicplatform.stats.service;

import io.musicplatform.stats.config.StatsConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monthly partitions of {@code listening_history} and {@code counted_play}. They are created ahead
 * (at start and every day, {@code music.stats.partitions-ahead} months past the current one) and, for a
 * play of a month that has none yet (a late or replayed record), by the consumer before it writes the
 * batch. There is no default partition on purpose: a month can then always be created later, and old
 * months can be detached or dropped as whole tables.
 */
@ApplicationScoped
public class PlayPartitions {

    private static final Logger LOG = Logger.getLogger(PlayPartitions.class);
    static final List<String> TABLES = List.of("listening_history", "counted_play");

    private final Pool pool;
    private final StatsConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Set<YearMonth> present = ConcurrentHashMap.newKeySet();

    public PlayPartitions(Pool pool, StatsConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "24h", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> createAhead() {
        YearMonth now = YearMonth.now(clock);
        Set<YearMonth> months = new TreeSet<>();
        for (int ahead = -1; ahead <= config.partitionsAhead(); ahead++) {
            months.add(now.plusMonths(ahead));
        }
        return ensure(months).onFailure().invoke(e -> LOG.warnf("Could not create the history partitions ahead yet: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Makes sure every month holding one of {@code instants} has its partitions; a month seen before costs nothing. */
    public Uni<Void> ensureFor(Collection<Instant> instants) {
        Set<YearMonth> months = new TreeSet<>();
        for (Instant instant : instants) {
            YearMonth month = YearMonth.from(instant.atZone(ZoneOffset.UTC));
            if (!present.contains(month)) {
                months.add(month);
            }
        }
        return months.isEmpty() ? Uni.createFrom().voidItem() : ensure(months);
    }

    private Uni<Void> ensure(Set<YearMonth> months) {
        return Multi.createFrom().iterable(months)
                .onItem().transformToUniAndConcatenate(this::create)
                .collect().last().replaceWithVoid();
    }

    /** Partition DDL: not expressible through Panache, and a month's tables are created together. */
    private Uni<Void> create(YearMonth month) {
        String from = month.atDay(1) + " 00:00:00+00";
        String to = month.plusMonths(1).atDay(1) + " 00:00:00+00";
        return Multi.createFrom().iterable(TABLES)
                .onItem().transformToUniAndConcatenate(table -> pool.query(
                        "CREATE TABLE IF NOT EXISTS " + name(table, month) + " PARTITION OF " + table
                                + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')").execute())
                .collect().last()
                .invoke(() -> present.add(month))
                .replaceWithVoid();
    }

    static String name(String table, YearMonth month) {
        return String.format("%s_y%04dm%02d", table, month.getYear(), month.getMonthValue());
    }
}
