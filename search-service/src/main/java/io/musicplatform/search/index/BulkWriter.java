package io.musicplatform.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends updates in {@code _bulk} requests and sorts out the answer item by item: what was applied,
 * what the scripts left unchanged ({@code noop}), what the index refused for good (the caller decides,
 * e.g. the dead-letter topic), and what failed for now (busy node, conflict): those items alone are
 * sent again, with a growing pause, so that an update that was applied is never applied twice.
 * An item whose index no longer exists (deleted after a re-index moved the alias) is dropped: the
 * next batch writes to the indices the feed alias names then.
 *
 * <p>Besides scripted updates it sends creations ({@link Update#creation}): a plain {@code create}
 * action, which the index applies as cheaply as any new document and refuses (409) when a document
 * with that id exists. That refusal is no failure: its outcome is {@link #EXISTS}, for the caller to
 * send the scripted update instead.
 */
@ApplicationScoped
public class BulkWriter {

    private static final Logger LOG = Logger.getLogger(BulkWriter.class);
    private static final int RETRIES_ON_CONFLICT = 5;
    /** The outcome of a creation whose document already exists: nothing was written. */
    public static final String EXISTS = "exists";

    private final IndexClient index;

    public BulkWriter(IndexClient index) {
        this.index = index;
    }

    /**
     * One write of one document, with what it was made from: a scripted update (its body holds the
     * script), or, when {@code create}, the creation of the document {@code body} if none exists.
     */
    public record Update<S>(String index, String id, ObjectNode body, S source, boolean create) {

        /** A scripted update (or upsert). */
        public Update(String index, String id, ObjectNode body, S source) {
            this(index, id, body, source, false);
        }

        /** Creates {@code document} unless a document with {@code id} exists; then the outcome is {@link #EXISTS}. */
        public static <S> Update<S> creation(String index, String id, ObjectNode document, S source) {
            return new Update<>(index, id, document, source, true);
        }

        String action() {
            return create ? "create" : "update";
        }
    }

    /** What became of one update: {@code created}, {@code updated}, {@code noop} or {@link #EXISTS}, or refused with a reason. */
    public record Outcome<S>(Update<S> update, String result, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /** Writes every update, retrying the ones that failed for now until they go through. */
    public <S> Uni<List<Outcome<S>>> write(List<Update<S>> updates) {
        List<Outcome<S>> done = new ArrayList<>();
        if (updates.isEmpty()) {
            return Uni.createFrom().item(done);
        }
        return attempt(updates, done, Duration.ofMillis(200));
    }

    private <S> Uni<List<Outcome<S>>> attempt(List<Update<S>> pending, List<Outcome<S>> done, Duration pause) {
        return send(pending).onFailure(IndexClient.IndexUnavailable.class).recoverWithItem(failure -> {
            LOG.warnf("A bulk request of %d updates failed for now (%s)", pending.size(), failure.getMessage());
            return new BulkAnswer<>(List.of(), pending);
        }).chain(answer -> {
            done.addAll(answer.outcomes());
            if (answer.retry().isEmpty()) {
                return Uni.createFrom().item(done);
            }
            LOG.warnf("%d of %d bulk updates failed for now; trying them again in %s", answer.retry().size(), pending.size(), pause);
            Duration next = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : pause.multipliedBy(2);
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause).chain(() -> attempt(answer.retry(), done, next));
        });
    }

    private record BulkAnswer<S>(List<Outcome<S>> outcomes, List<Update<S>> retry) {
    }

    private <S> Uni<BulkAnswer<S>> send(List<Update<S>> updates) {
        StringBuilder ndjson = new StringBuilder(updates.size() * 512);
        for (Update<S> update : updates) {
            ObjectNode action = index.object();
            ObjectNode target = action.putObject(update.action()).put("_index", update.index()).put("_id", update.id());
            if (!update.create()) {
                target.put("retry_on_conflict", RETRIES_ON_CONFLICT);
            }
            ndjson.append(action).append('\n').append(update.body()).append('\n');
        }
        return index.bulk(ndjson.toString()).map(answer -> {
            List<Outcome<S>> outcomes = new ArrayList<>();
            List<Update<S>> retry = new ArrayList<>();
            JsonNode items = answer.path("items");
            for (int i = 0; i < updates.size(); i++) {
                Update<S> update = updates.get(i);
                JsonNode item = items.path(i).path(update.action());
                int status = item.path("status").asInt(500);
                if (status < 300) {
                    outcomes.add(new Outcome<>(update, item.path("result").asText(), null));
                } else if (status == 409 && update.create()) {
                    outcomes.add(new Outcome<>(update, EXISTS, null));
                } else if (status == 404 && "index_not_found_exception".equals(item.path("error").path("type").asText())) {
                    LOG.debugf("Dropped an update of %s: index %s is gone", update.id(), update.index());
                } else if (status == 409 || status == 429 || status >= 500) {
                    retry.add(update);
                } else {
                    JsonNode error = item.path("error");
                    String reason = error.path("type").asText("error") + ": " + error.path("reason").asText("")
                            + (error.has("caused_by") ? " (" + error.path("caused_by").path("reason").asText("") + ")" : "");
                    outcomes.add(new Outcome<>(update, null, "The index refused the document (" + status + " " + reason + ")"));
                }
            }
            return new BulkAnswer<>(outcomes, retry);
        });
    }
}
