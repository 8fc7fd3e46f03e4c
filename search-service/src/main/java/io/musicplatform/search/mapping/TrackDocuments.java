package io.musicplatform.search.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns events into the index's writes. Every write is a scripted update, so that the index itself
 * decides, document by document and atomically, what a write changes:
 * <ul>
 *   <li>a revision replaces the document only when it is newer than the one held, and keeps the
 *       document's popularity ({@code plays}), which no revision carries;</li>
 *   <li>a {@code TAKEN_DOWN} revision leaves a tombstone (id, revision, status, plays) that no search
 *       or suggestion finds, so that an older revision delivered again cannot bring the track back;</li>
 *   <li>plays add to the document's count without touching its revision.</li>
 * </ul>
 * The index's external versioning would order revisions too, but it replaces whole documents and
 * cannot be combined with the partial updates popularity needs; comparing in the script does both.
 * The scripts' sources never change, so the node compiles each once and caches it.
 */
@ApplicationScoped
public class TrackDocuments {

    /** The completion weight grows with the log of the plays: popular completions first, gently. */
    private static final String SUGGEST_WEIGHT =
            "if (ctx._source.suggest != null) { ctx._source.suggest.weight = 1 + (int) Math.floor(Math.log(1.0 + ctx._source.plays) / Math.log(2.0)); }";

    static final String APPLY_REVISION = String.join(" ",
            "def held = ctx._source.revision;",
            "if (held != null && held >= params.revision) { ctx.op = 'none'; return; }",
            "def plays = ctx._source.plays == null ? 0L : ctx._source.plays;",
            "ctx._source.clear();",
            "ctx._source.putAll(params.doc);",
            "ctx._source.plays = plays;",
            SUGGEST_WEIGHT);

    static final String ADD_PLAYS = String.join(" ",
            "ctx._source.plays = (ctx._source.plays == null ? 0L : ctx._source.plays) + params.plays;",
            SUGGEST_WEIGHT);

    static final String CARRY_PLAYS = String.join(" ",
            "def held = ctx._source.plays == null ? 0L : ctx._source.plays;",
            "if (params.plays <= held) { ctx.op = 'none'; return; }",
            "ctx._source.plays = params.plays;",
            SUGGEST_WEIGHT);

    private final ObjectMapper json;

    public TrackDocuments(ObjectMapper json) {
        this.json = json;
    }

    /** The update that applies a revision: the document itself, or a tombstone for a takedown. */
    public ObjectNode revision(TrackIngested event) {
        ObjectNode params = json.createObjectNode();
        params.put("revision", event.revision());
        params.set("doc", event.status() == TrackStatus.TAKEN_DOWN ? tombstone(event) : document(event));
        return scripted(APPLY_REVISION, params, json.createObjectNode(), true);
    }

    /**
     * The document that applying {@code event}'s revision to no document at all leaves (what
     * {@link #APPLY_REVISION} makes of an empty place: the document or tombstone, no plays, the
     * completions' lowest weight), for a plain creation that costs the index no script.
     */
    public ObjectNode created(TrackIngested event) {
        ObjectNode doc = event.status() == TrackStatus.TAKEN_DOWN ? tombstone(event) : document(event);
        doc.put("plays", 0L);
        return doc;
    }

    /** The update that adds {@code plays} to a track's popularity; creates a placeholder when the track is not indexed yet. */
    public ObjectNode plays(String trackId, long plays) {
        ObjectNode params = json.createObjectNode().put("plays", plays);
        ObjectNode upsert = json.createObjectNode().put("trackId", trackId).put("plays", plays);
        return scripted(ADD_PLAYS, params, upsert, false);
    }

    /** The update a re-index uses to carry popularity over: the higher of the two counts stays. */
    public ObjectNode carriedPlays(String trackId, long plays) {
        ObjectNode params = json.createObjectNode().put("plays", plays);
        ObjectNode upsert = json.createObjectNode().put("trackId", trackId).put("plays", plays);
        return scripted(CARRY_PLAYS, params, upsert, false);
    }

    ObjectNode document(TrackIngested event) {
        ObjectNode doc = json.createObjectNode();
        doc.put("trackId", event.trackId());
        doc.put("revision", event.revision());
        doc.put("status", event.status().name());
        doc.put("title", event.title());
        ArrayNode artists = doc.putArray("artists");
        ArrayNode artistIds = doc.putArray("artistIds");
        event.artists().forEach(artist -> {
            artists.add(artist);
            artistIds.add(ArtistId.of(artist));
        });
        if (event.album() != null) {
            doc.put("album", event.album());
        }
        if (event.albumArtist() != null) {
            doc.put("albumArtist", event.albumArtist());
        }
        if (event.genre() != null) {
            doc.put("genre", event.genre());
        }
        if (event.year() != null) {
            doc.put("year", event.year());
        }
        if (event.trackNumber() != null) {
            doc.put("trackNumber", event.trackNumber());
        }
        if (event.discNumber() != null) {
            doc.put("discNumber", event.discNumber());
        }
        doc.put("durationMs", event.durationMs());
        doc.put("occurredAt", event.occurredAt().toString());
        // Completions come from the title, the artists and the album: "daft" completes to "Daft Punk".
        Set<String> inputs = new LinkedHashSet<>();
        inputs.add(event.title());
        inputs.addAll(event.artists());
        if (event.album() != null) {
            inputs.add(event.album());
        }
        ObjectNode suggest = doc.putObject("suggest");
        ArrayNode input = suggest.putArray("input");
        inputs.forEach(input::add);
        suggest.put("weight", 1);
        return doc;
    }

    private ObjectNode tombstone(TrackIngested event) {
        return json.createObjectNode()
                .put("trackId", event.trackId())
                .put("revision", event.revision())
                .put("status", event.status().name());
    }

    private ObjectNode scripted(String source, ObjectNode params, ObjectNode upsert, boolean scriptedUpsert) {
        ObjectNode update = json.createObjectNode();
        ObjectNode script = update.putObject("script");
        script.put("lang", "painless");
        script.put("source", source);
        script.set("params", params);
        update.put("scripted_upsert", scriptedUpsert);
        update.set("upsert", upsert);
        return update;
    }
}
