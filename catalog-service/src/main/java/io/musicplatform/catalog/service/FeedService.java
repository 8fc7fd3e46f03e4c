package io.musicplatform.catalog.service;

import io.musicplatform.catalog.config.CatalogConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A listener's personalized feed, in two sections, one after the other:
 * <ol>
 *   <li>{@link Section#NEW_RELEASE}: playable tracks of the artists and genres they follow that first
 *       became available within {@code music.catalog.feed.new-release-age}, newest first;</li>
 *   <li>{@link Section#WELL_RATED}: older playable tracks of the genres they follow, rated by at least
 *       {@code min-ratings} listeners at an average of at least {@code min-average}, that they have not
 *       rated themselves; best average first, then most ratings.</li>
 * </ol>
 * Keyset pages across both: a cursor names its section and the values the page ended on. Knows
 * nothing of HTTP.
 */
@ApplicationScoped
public class FeedService {

    /** Which part of the feed an item comes from. */
    public enum Section { NEW_RELEASE, WELL_RATED }

    /** One item of the feed. */
    public record FeedItem(Section section, CatalogService.TrackDetail detail, BigDecimal average) {
    }

    /** Where a page starts: strictly after this item. {@code value} is its createdAt or its average. */
    public record After(Section section, String value, long count, UUID id) {
    }

    /** A listener follows the track's artist or its genre. */
    private static final String FOLLOWED = """
            (EXISTS (SELECT 1 FROM subscription s JOIN track_artist ta ON s.target = ta.artist_id::text
                     WHERE s.user_id = $1 AND s.kind = 'ARTIST' AND ta.track_id = t.id)
             OR EXISTS (SELECT 1 FROM subscription s WHERE s.user_id = $1 AND s.kind = 'GENRE' AND s.target = lower(t.genre)))""";

    /** The average rating, rounded so that a cursor carries it exactly; null for a track nobody rated. */
    private static final String AVERAGE = "round(t.rating_sum::numeric / nullif(t.rating_count, 0), 6)";

    private final Pool pool;
    private final CatalogConfig.Feed settings;

    public FeedService(Pool pool, CatalogConfig config) {
        this.pool = pool;
        this.settings = config.feed();
    }

    /** Up to {@code limit} items of the listener's feed after {@code after}. */
    public Uni<List<FeedItem>> feed(String userId, Optional<After> after, int limit) {
        Instant cutoff = Instant.now().minus(settings.newReleaseAge());
        boolean newReleases = after.map(a -> a.section() == Section.NEW_RELEASE).orElse(true);
        Uni<List<FeedItem>> first = newReleases ? newReleases(userId, cutoff, after, limit) : Uni.createFrom().item(List.of());
        return first.chain(found -> found.size() >= limit ? Uni.createFrom().item(found)
                : wellRated(userId, cutoff, after.filter(a -> a.section() == Section.WELL_RATED), limit - found.size())
                .map(more -> {
                    List<FeedItem> all = new ArrayList<>(found);
                    all.addAll(more);
                    return all;
                }));
    }

    private Uni<List<FeedItem>> newReleases(String userId, Instant cutoff, Optional<After> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(userId, cutoff.atOffset(ZoneOffset.UTC)));
        String where = " WHERE t.status = 'AVAILABLE' AND t.created_at >= $2 AND " + FOLLOWED;
        if (after.isPresent()) {
            parameters.add(Instant.parse(after.get().value()).atOffset(ZoneOffset.UTC));
            parameters.add(after.get().id());
            where += " AND (t.created_at, t.id) < ($3, $4)";
        }
        parameters.add(limit);
        return query(CatalogService.DETAIL_SELECT + where + " ORDER BY t.created_at DESC, t.id DESC LIMIT $" + parameters.size(),
                parameters, Section.NEW_RELEASE);
    }

    private Uni<List<FeedItem>> wellRated(String userId, Instant cutoff, Optional<After> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(userId, cutoff.atOffset(ZoneOffset.UTC), (long) settings.minRatings(),
                BigDecimal.valueOf(settings.minAverage())));
        String where = " WHERE t.status = 'AVAILABLE' AND t.created_at < $2 AND t.rating_count >= $3"
                + " AND " + AVERAGE + " >= $4"
                + " AND EXISTS (SELECT 1 FROM subscription s WHERE s.user_id = $1 AND s.kind = 'GENRE' AND s.target = lower(t.genre))"
                + " AND NOT EXISTS (SELECT 1 FROM rating r WHERE r.track_id = t.id AND r.user_id = $1)";
        if (after.isPresent()) {
            parameters.add(new BigDecimal(after.get().value()));
            parameters.add(after.get().count());
            parameters.add(after.get().id());
            where += " AND (" + AVERAGE + ", t.rating_count, t.id) < ($5, $6, $7)";
        }
        parameters.add(limit);
        return query(CatalogService.DETAIL_SELECT.replace("SELECT t.id,", "SELECT " + AVERAGE + " AS average, t.id,") + where
                        + " ORDER BY " + AVERAGE + " DESC, t.rating_count DESC, t.id DESC LIMIT $" + parameters.size(),
                parameters, Section.WELL_RATED);
    }

    private Uni<List<FeedItem>> query(String sql, List<Object> parameters, Section section) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).map(rows -> {
            List<FeedItem> items = new ArrayList<>(rows.size());
            rows.forEach(row -> items.add(new FeedItem(section, CatalogService.trackDetail(row),
                    section == Section.WELL_RATED ? row.getBigDecimal("average") : null)));
            return items;
        });
    }
}
