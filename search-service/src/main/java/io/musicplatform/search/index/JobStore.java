package io.musicplatform.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicplatform.search.service.ReindexJob;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * Where re-index jobs are kept: an index of their own ({@code <alias>-jobs}), the service's only
 * store, so that a job's progress can be read from any replica and after a restart.
 */
@ApplicationScoped
public class JobStore {

    private final IndexClient index;
    private final TrackIndex tracks;

    public JobStore(IndexClient index, TrackIndex tracks) {
        this.index = index;
        this.tracks = tracks;
    }

    public String name() {
        return tracks.alias() + "-jobs";
    }

    /** Creates the jobs index unless it exists; its documents are only read back by id, so nothing is analyzed. */
    public Uni<Void> ensure() {
        ObjectNode definition = index.object();
        definition.putObject("settings").putObject("index").put("number_of_shards", 1);
        definition.putObject("mappings").put("dynamic", false).putObject("properties")
                .set("state", index.object().put("type", "keyword"));
        return index.exists("/" + name()).chain(exists -> exists ? Uni.createFrom().voidItem()
                : index.send("PUT", "/" + name(), definition).replaceWithVoid()
                        .onFailure(IndexClient.IndexRequestFailed.class)
                        .recoverWithUni(failure -> "resource_already_exists_exception".equals(((IndexClient.IndexRequestFailed) failure).type())
                                ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure)));
    }

    public Uni<Void> save(ReindexJob.View job) {
        return index.send("PUT", "/" + name() + "/_doc/" + job.id(), index.json().valueToTree(job)).replaceWithVoid();
    }

    public Uni<Optional<ReindexJob.View>> find(UUID id) {
        return index.get("/" + name() + "/_doc/" + id).map(answer -> read(answer.path("_source")))
                .onFailure(IndexClient.IndexRequestFailed.class)
                .recoverWithUni(failure -> ((IndexClient.IndexRequestFailed) failure).status() == 404
                        ? Uni.createFrom().item(Optional.<ReindexJob.View>empty()) : Uni.createFrom().failure(failure));
    }

    private Optional<ReindexJob.View> read(JsonNode source) {
        try {
            return source.isMissingNode() ? Optional.empty() : Optional.of(index.json().treeToValue(source, ReindexJob.View.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Job document unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
