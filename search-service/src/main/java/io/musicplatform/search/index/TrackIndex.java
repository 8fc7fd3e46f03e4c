package io.musicplatform.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicplatform.search.config.SearchConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical indices behind the alias. Two aliases name them:
 * <ul>
 *   <li>{@code tracks} (the configured alias): the one index every search reads;</li>
 *   <li>{@code tracks-feed}: every index the feed writes to. It names the same index, except while a
 *       re-index builds the next one: then both, so that an event consumed during the re-index reaches
 *       the new index too, whichever replica consumes it.</li>
 * </ul>
 * The first index, {@code tracks-v1}, is created with both aliases at start when the alias is missing,
 * in the background: a node that is down delays it without stopping the service (not ready meanwhile).
 */
@ApplicationScoped
public class TrackIndex {

    private static final Logger LOG = Logger.getLogger(TrackIndex.class);
    private static final String DEFINITION = "index/tracks.json";

    private final IndexClient index;
    private final SearchConfig config;
    private final Pattern versioned;
    private volatile boolean ready;
    private volatile boolean stopping;

    public TrackIndex(IndexClient index, SearchConfig config) {
        this.index = index;
        this.config = config;
        this.versioned = Pattern.compile(Pattern.quote(config.index().alias()) + "-v(\\d+)");
    }

    /** The alias searches read. */
    public String alias() {
        return config.index().alias();
    }

    /** The alias the feed writes through. */
    public String feedAlias() {
        return config.index().alias() + "-feed";
    }

    /** The physical index of version {@code n}. */
    public String physical(int version) {
        return alias() + "-v" + version;
    }

    /** The version of a physical index's name, e.g. 2 for {@code tracks-v2}. */
    public int version(String physical) {
        Matcher matcher = versioned.matcher(physical);
        if (!matcher.matches()) {
            throw new IllegalStateException(physical + " is not a versioned index of " + alias());
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Whether the alias is known to exist (set once it was found or created). */
    public boolean ready() {
        return ready;
    }

    void createWhenMissing(@Observes StartupEvent start) {
        Thread creator = new Thread(() -> {
            Duration pause = Duration.ofMillis(500);
            while (!stopping && !ready) {
                try {
                    ensure().await().atMost(config.index().requestTimeout().multipliedBy(3));
                    ready = true;
                } catch (RuntimeException e) {
                    LOG.warnf("The index %s is not there yet (%s); trying again in %s", alias(), e.getMessage(), pause);
                    sleep(pause);
                    pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : pause.multipliedBy(2);
                }
            }
        }, "search-index-creator");
        creator.setDaemon(true);
        creator.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /** Creates {@code <alias>-v1} with both aliases unless the alias exists. */
    public Uni<Void> ensure() {
        return index.exists("/_alias/" + alias()).chain(exists -> {
            if (exists) {
                return Uni.createFrom().voidItem();
            }
            ObjectNode definition = definition(false);
            ObjectNode aliases = definition.putObject("aliases");
            aliases.putObject(alias());
            aliases.putObject(feedAlias());
            return index.send("PUT", "/" + physical(1), definition)
                    .invoke(() -> LOG.infof("Created index %s behind the aliases %s and %s", physical(1), alias(), feedAlias()))
                    .replaceWithVoid()
                    .onFailure(IndexClient.IndexRequestFailed.class).recoverWithUni(failure -> {
                        IndexClient.IndexRequestFailed refused = (IndexClient.IndexRequestFailed) failure;
                        // Another replica created it first: the next look finds the alias.
                        return refused.type().equals("resource_already_exists_exception")
                                ? index.exists("/_alias/" + alias()).chain(now -> now ? Uni.createFrom().voidItem()
                                        : Uni.createFrom().failure(new IllegalStateException(physical(1) + " exists without the alias " + alias()
                                                + ": add the alias by hand (POST /_aliases) or delete the index")))
                                : Uni.createFrom().failure(failure);
                    });
        });
    }

    /**
     * The settings, analysis and mappings of a physical index, from {@value #DEFINITION}, with the
     * configured shards and replicas; {@code forBulkLoad} turns refreshing off while a re-index fills it.
     */
    public ObjectNode definition(boolean forBulkLoad) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DEFINITION)) {
            if (in == null) {
                throw new IllegalStateException(DEFINITION + " is missing from the service");
            }
            ObjectNode definition = (ObjectNode) index.json().readTree(in);
            ObjectNode settings = definition.withObject("/settings/index");
            settings.put("number_of_shards", config.index().shards());
            settings.put("number_of_replicas", forBulkLoad ? 0 : config.index().replicas());
            settings.put("refresh_interval", forBulkLoad ? "-1" : config.index().refreshInterval());
            return definition;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The physical indices an alias names; empty when the alias does not exist. */
    public Uni<List<String>> indicesOf(String alias) {
        return index.get("/_alias/" + alias).map(answer -> {
                    List<String> names = new ArrayList<>();
                    answer.fieldNames().forEachRemaining(names::add);
                    names.sort(null);
                    return names;
                })
                .onFailure(IndexClient.IndexRequestFailed.class)
                .recoverWithUni(failure -> ((IndexClient.IndexRequestFailed) failure).status() == 404
                        ? Uni.createFrom().item(List.<String>of()) : Uni.createFrom().failure(failure));
    }

    /** The one index searches read now. */
    public Uni<String> current() {
        return indicesOf(alias()).map(names -> {
            if (names.size() != 1) {
                throw new IllegalStateException("The alias " + alias() + " names " + names + "; expected exactly one index");
            }
            return names.getFirst();
        });
    }

    /** Every index the feed writes to now; fails (to be retried) while there is none yet. */
    public Uni<List<String>> feedTargets() {
        return indicesOf(feedAlias()).map(names -> {
            if (names.isEmpty()) {
                throw new IndexClient.IndexUnavailable("No index behind " + feedAlias() + " yet", null);
            }
            return names;
        });
    }

    /** Applies alias actions in one atomic request. */
    public Uni<Void> aliases(List<Map<String, Map<String, String>>> actions) {
        ObjectNode body = index.object();
        ArrayNode list = body.putArray("actions");
        for (Map<String, Map<String, String>> action : actions) {
            list.add(index.json().valueToTree(action));
        }
        return index.send("POST", "/_aliases", body).replaceWithVoid();
    }

    public static Map<String, Map<String, String>> add(String physical, String alias) {
        return Map.of("add", Map.of("index", physical, "alias", alias));
    }

    public static Map<String, Map<String, String>> remove(String physical, String alias) {
        return Map.of("remove", Map.of("index", physical, "alias", alias));
    }

    /** The number of documents the alias's index holds, tombstones of taken-down tracks included. */
    public Uni<Long> count(String name) {
        return index.get("/" + name + "/_count").map(answer -> answer.path("count").asLong());
    }

    public Uni<JsonNode> refresh(String name) {
        return index.send("POST", "/" + name + "/_refresh", null);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
