package io.musicplatform.ingestion.service;

import io.musicplatform.events.TrackStatus;
import io.musicplatform.ingestion.analysis.AudioAnalysis;
import io.musicplatform.ingestion.analysis.Tags;
import io.musicplatform.ingestion.analysis.TrackMetadata;
import io.musicplatform.ingestion.entity.JobItem;
import io.musicplatform.ingestion.entity.Track;
import io.musicplatform.ingestion.entity.TrackRevision;
import io.musicplatform.ingestion.entity.Upload;
import io.musicplatform.ingestion.mapping.TrackMapper;
import io.musicplatform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Ingestion's records: uploads, tracks and their revisions. Every revision is stored and appended to
 * the outbox as its TrackIngested in one transaction, under a lock of the track's row, so that a
 * track's revisions are numbered and published in order and nothing is published that did not commit.
 * Knows nothing of HTTP or of the storage.
 */
@ApplicationScoped
public class IngestionService {

    /** A revision written, or the existing track's current one when the content was already known. */
    public record Recorded(TrackRevision revision, boolean duplicate) {
    }

    private final Outbox outbox;

    public IngestionService(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Upload> announce(Upload upload) {
        return upload.persist();
    }

    @WithSession
    public Uni<Upload> upload(UUID id) {
        return Upload.findById(id);
    }

    /** Forgets a refused or expired upload: no row is left of it. */
    @WithTransaction
    public Uni<Boolean> forget(UUID uploadId) {
        return Upload.deleteById(uploadId);
    }

    /** Pending uploads whose URL expired before {@code before}: their rows and objects are swept. */
    @WithSession
    public Uni<List<Upload>> expired(Instant before, int limit) {
        return Upload.<Upload>find("state = ?1 and expiresAt < ?2 order by expiresAt", Upload.State.PENDING, before).page(0, limit).list();
    }

    /**
     * Records the first revision of a new track from analysed audio stored at {@code mediaKey}, or, when a
     * track of the same content exists, answers that one. The upload, if any, is completed with it, and
     * an import job's item, if any, is recorded in the same transaction (one commit per file; a resumed
     * job never meets a file that became a track without its item).
     */
    @WithTransaction
    public Uni<Recorded> record(AudioAnalysis audio, TrackMetadata metadata, List<String> territories, String bucket, String mediaKey,
                                String user, UUID uploadId, JobItem.Key jobItem) {
        return recordInTransaction(audio, metadata, territories, bucket, mediaKey, user, uploadId, jobItem);
    }

    /** A file of an import, analysed and stored at {@code mediaKey}, to record with its job's item. */
    public record ImportedFile(AudioAnalysis audio, TrackMetadata metadata, String mediaKey, JobItem.Key jobItem) {
    }

    /**
     * Records a group of an import's files as {@link #record} does each, and the items of the files that
     * failed, in one transaction: one durable commit for the group instead of one per file. Fails as a
     * whole (nothing recorded) on any error, a race on the same content with another upload among them;
     * the caller then records the group's files one by one.
     */
    @WithTransaction
    public Uni<List<Recorded>> recordImported(List<ImportedFile> files, List<JobItem> failed, String bucket, String user) {
        List<String> hashes = files.stream().map(file -> file.audio().sha256()).distinct().toList();
        Uni<List<Track>> known = hashes.isEmpty() ? Uni.createFrom().item(List.of()) : Track.list("sha256 in ?1", hashes);
        return known.chain(existing -> {
            Map<String, UUID> trackOfContent = new HashMap<>();
            existing.forEach(track -> trackOfContent.put(track.sha256, track.id));
            // Set-based: one query for the known contents above; then the rows are persisted table by
            // table, so that the flush at commit sends each table's inserts as one batch.
            List<TrackRevision> created = new ArrayList<>();
            Map<String, TrackRevision> createdOfContent = new HashMap<>();
            for (ImportedFile file : files) {
                String sha256 = file.audio().sha256();
                if (!trackOfContent.containsKey(sha256) && !createdOfContent.containsKey(sha256)) {
                    TrackRevision revision = firstRevision(file.audio(), file.metadata(), List.of(), bucket, file.mediaKey(), user);
                    created.add(revision);
                    createdOfContent.put(sha256, revision);
                }
            }
            List<UUID> duplicatesOf = trackOfContent.values().stream().distinct().toList();
            Uni<Map<UUID, TrackRevision>> currents = duplicatesOf.isEmpty() ? Uni.createFrom().item(Map.of())
                    : TrackRevision.<TrackRevision>list("trackId in ?1 order by trackId, revision desc", duplicatesOf).map(revisions -> {
                        Map<UUID, TrackRevision> latest = new HashMap<>();
                        revisions.forEach(revision -> latest.putIfAbsent(revision.trackId, revision));
                        return latest;
                    });
            return currents.chain(latest -> {
                List<Recorded> recorded = new ArrayList<>(files.size());
                List<JobItem> items = new ArrayList<>(files.size() + failed.size());
                Set<String> counted = new HashSet<>();
                for (ImportedFile file : files) {
                    String sha256 = file.audio().sha256();
                    TrackRevision revision = createdOfContent.get(sha256);
                    boolean duplicate = revision == null || !counted.add(sha256);
                    Recorded one = new Recorded(revision != null ? revision : latest.get(trackOfContent.get(sha256)), duplicate);
                    recorded.add(one);
                    items.add(item(file.jobItem(), one));
                }
                items.addAll(failed);
                Uni<Void> written = created.isEmpty() ? Uni.createFrom().voidItem()
                        : Track.persist(created.stream().map(IngestionService::trackOf).toList())
                                .chain(() -> TrackRevision.persist(created))
                                .chain(() -> outbox.appendAll(created.stream().map(TrackMapper::event).toList()));
                return written.chain(() -> JobItem.persist(items)).replaceWith(recorded);
            });
        });
    }

    private Uni<Recorded> recordInTransaction(AudioAnalysis audio, TrackMetadata metadata, List<String> territories, String bucket,
                                              String mediaKey, String user, UUID uploadId, JobItem.Key jobItem) {
        Uni<Void> uploadChecked = uploadId == null ? Uni.createFrom().voidItem()
                : Upload.<Upload>findById(uploadId, LockModeType.PESSIMISTIC_WRITE).invoke(upload -> {
                    if (upload == null) {
                        throw new IngestionRefused.NoSuchUpload(uploadId);
                    }
                    if (upload.state == Upload.State.COMPLETED) {
                        throw new IngestionRefused.AlreadyCompleted(uploadId, upload.trackId);
                    }
                }).replaceWithVoid();
        return uploadChecked.chain(() -> Track.<Track>find("sha256", audio.sha256()).<Track>firstResult()).chain(existing -> {
            if (existing != null) {
                return TrackRevision.current(existing.id).map(current -> new Recorded(current, true));
            }
            TrackRevision revision = firstRevision(audio, metadata, territories, bucket, mediaKey, user);
            Track track = trackOf(revision);
            // Flushed before the event is appended, so that a second upload of the same content racing
            // this one fails here on track_sha256_unique, and its caller answers with this track.
            return track.persist().chain(revision::persist).chain(() -> Panache.getSession().chain(session -> session.flush()))
                    .chain(() -> outbox.append(TrackMapper.event(revision))).replaceWith(new Recorded(revision, false));
        }).call(recorded -> uploadId == null ? Uni.createFrom().voidItem()
                : Upload.update("state = ?1, trackId = ?2 where id = ?3", Upload.State.COMPLETED, recorded.revision().trackId, uploadId))
                .call(recorded -> jobItem == null ? Uni.createFrom().voidItem() : item(jobItem, recorded).persist());
    }

    /** The first revision of a new track, as analysed and resolved, stored at {@code mediaKey}. */
    private static TrackRevision firstRevision(AudioAnalysis audio, TrackMetadata metadata, List<String> territories, String bucket,
                                               String mediaKey, String user) {
        Instant now = now();
        TrackRevision revision = new TrackRevision();
        revision.eventId = UUID.randomUUID();
        revision.trackId = UUID.randomUUID();
        revision.revision = 1;
        revision.status = TrackStatus.AVAILABLE;
        revision.title = metadata.title();
        revision.artists = new ArrayList<>(metadata.artists());
        revision.album = metadata.album();
        revision.albumArtist = metadata.albumArtist();
        revision.genre = metadata.genre();
        revision.year = metadata.year();
        revision.trackNumber = metadata.trackNumber();
        revision.discNumber = metadata.discNumber();
        revision.durationMs = audio.durationMs();
        revision.mediaBucket = bucket;
        revision.mediaKey = mediaKey;
        revision.contentType = audio.format().contentType();
        revision.codec = audio.format().codec();
        revision.bitrateKbps = audio.bitrateKbps();
        revision.sampleRateHz = audio.sampleRateHz();
        revision.sizeBytes = audio.sizeBytes();
        revision.sha256 = audio.sha256();
        revision.territories = new ArrayList<>(territories == null ? List.of() : territories);
        revision.recordedAt = now;
        revision.recordedBy = user;
        return revision;
    }

    /** The track row of a new track's first revision. */
    private static Track trackOf(TrackRevision first) {
        Track track = new Track();
        track.id = first.trackId;
        track.sha256 = first.sha256;
        track.revision = 1;
        track.createdAt = first.recordedAt;
        track.updatedAt = first.recordedAt;
        return track;
    }

    private static JobItem item(JobItem.Key key, Recorded recorded) {
        JobItem item = new JobItem();
        item.id = key;
        item.outcome = recorded.duplicate() ? JobItem.Outcome.DUPLICATE : JobItem.Outcome.IMPORTED;
        item.trackId = recorded.revision().trackId;
        return item;
    }

    @WithSession
    public Uni<TrackRevision> current(UUID trackId) {
        return TrackRevision.current(trackId).invoke(found -> {
            if (found == null) {
                throw new IngestionRefused.NoSuchTrack(trackId);
            }
        });
    }

    /** A new revision with the fields {@code changes} names (null leaves a field as it is). */
    @WithTransaction
    public Uni<TrackRevision> correct(UUID trackId, Tags changes, List<String> territories, String user) {
        return revise(trackId, user, next -> {
            if (changes.title() != null) {
                next.title = changes.title();
            }
            if (!changes.artists().isEmpty()) {
                next.artists = new ArrayList<>(changes.artists());
            }
            if (changes.album() != null) {
                next.album = changes.album();
            }
            if (changes.albumArtist() != null) {
                next.albumArtist = changes.albumArtist().equals(next.artists.getFirst()) ? null : changes.albumArtist();
            }
            if (changes.genre() != null) {
                next.genre = changes.genre();
            }
            if (changes.year() != null) {
                next.year = changes.year();
            }
            if (changes.trackNumber() != null) {
                next.trackNumber = changes.trackNumber();
            }
            if (changes.discNumber() != null) {
                next.discNumber = changes.discNumber();
            }
            if (territories != null) {
                next.territories = new ArrayList<>(territories);
            }
            return true;
        });
    }

    /** A TAKEN_DOWN revision; a track already taken down is left as it is. */
    @WithTransaction
    public Uni<TrackRevision> takeDown(UUID trackId, String user) {
        return revise(trackId, user, next -> {
            if (next.status == TrackStatus.TAKEN_DOWN) {
                return false;
            }
            next.status = TrackStatus.TAKEN_DOWN;
            return true;
        });
    }

    /** Publishes the current revision of a track again, under a new eventId (replay): projections ignore what they hold. */
    @WithTransaction
    public Uni<Void> republish(UUID trackId) {
        return TrackRevision.current(trackId).chain(current -> current == null ? Uni.createFrom().voidItem()
                : outbox.append(withNewEventId(TrackMapper.event(current))));
    }

    /** Publishes the current revision of each track again, in the caller's transaction (a replay page). */
    public Uni<Void> republishAll(List<UUID> trackIds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : trackIds) {
            chain = chain.chain(() -> TrackRevision.current(id)).chain(current -> current == null ? Uni.createFrom().voidItem()
                    : outbox.append(withNewEventId(TrackMapper.event(current))));
        }
        return chain;
    }

    /** Track ids after {@code after} in id order, for jobs that walk every track. */
    @WithSession
    public Uni<List<UUID>> trackIds(UUID after, int limit) {
        return (after == null ? Track.<Track>find("order by id") : Track.<Track>find("id > ?1 order by id", after))
                .page(0, limit).list().map(tracks -> tracks.stream().map(track -> track.id).toList());
    }

    private static io.musicplatform.events.TrackIngested withNewEventId(io.musicplatform.events.TrackIngested event) {
        return new io.musicplatform.events.TrackIngested(UUID.randomUUID(), event.occurredAt(), event.trackId(), event.revision(),
                event.status(), event.title(), event.artists(), event.album(), event.albumArtist(), event.genre(), event.year(),
                event.trackNumber(), event.discNumber(), event.durationMs(), event.media(), event.territories());
    }

    private Uni<TrackRevision> revise(UUID trackId, String user, java.util.function.Predicate<TrackRevision> change) {
        return Track.<Track>findById(trackId, LockModeType.PESSIMISTIC_WRITE).chain(track -> {
            if (track == null) {
                throw new IngestionRefused.NoSuchTrack(trackId);
            }
            return TrackRevision.current(trackId).chain(current -> {
                TrackRevision next = copy(current);
                if (!change.test(next)) {
                    return Uni.createFrom().item(current);
                }
                Instant now = now();
                next.eventId = UUID.randomUUID();
                next.revision = current.revision + 1;
                next.recordedAt = now;
                next.recordedBy = user;
                track.revision = next.revision;
                track.updatedAt = now;
                return next.persist().chain(() -> outbox.append(TrackMapper.event(next))).replaceWith(next);
            });
        });
    }

    private static TrackRevision copy(TrackRevision from) {
        TrackRevision to = new TrackRevision();
        to.trackId = from.trackId;
        to.status = from.status;
        to.title = from.title;
        to.artists = new ArrayList<>(from.artists);
        to.album = from.album;
        to.albumArtist = from.albumArtist;
        to.genre = from.genre;
        to.year = from.year;
        to.trackNumber = from.trackNumber;
        to.discNumber = from.discNumber;
        to.durationMs = from.durationMs;
        to.mediaBucket = from.mediaBucket;
        to.mediaKey = from.mediaKey;
        to.contentType = from.contentType;
        to.codec = from.codec;
        to.bitrateKbps = from.bitrateKbps;
        to.sampleRateHz = from.sampleRateHz;
        to.sizeBytes = from.sizeBytes;
        to.sha256 = from.sha256;
        to.territories = new ArrayList<>(from.territories);
        return to;
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds: the event carries what the row holds.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
