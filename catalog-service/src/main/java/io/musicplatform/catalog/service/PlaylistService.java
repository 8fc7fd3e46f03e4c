package io.musicplatform.catalog.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.catalog.config.CatalogConfig;
import io.musicplatform.catalog.entity.Playlist;
import io.musicplatform.catalog.entity.PlaylistEntry;
import io.musicplatform.catalog.entity.PlaylistInvitation;
import io.musicplatform.catalog.entity.Track;
import io.musicplatform.events.TrackStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Playlists: who may read and change them, and changes that are safe when several people edit at once.
 * Every change locks the playlist's row, checks the caller's role and the version the change was made
 * on, applies it and moves the version on by one, in one transaction: of two edits made on the same
 * version, one applies and the other is refused with the version to read again. Knows nothing of HTTP.
 */
@ApplicationScoped
public class PlaylistService {

    /** What the caller is to a playlist; no role at all on a private playlist of someone else. */
    public enum Role { OWNER, COLLABORATOR, VIEWER }

    /** A playlist as one caller sees it. */
    public record Seen(Playlist playlist, Role role, int collaborators) {
    }

    /** The fields a change sets; absent ones stay as they are, an empty description removes it. */
    public record Changes(Optional<String> name, Optional<String> description, Optional<Playlist.Visibility> visibility) {
    }

    /** One page of a playlist's entries, with their tracks (absent while the catalog lacks one) and who added them. */
    public record Entries(List<PlaylistEntry> entries, Map<UUID, Track> tracks, Map<String, String> names) {
    }

    /** Someone who may edit a playlist besides its owner. */
    public record Collaborator(String userId, String name, Instant joinedAt) {
    }

    /** A share link just made: its token is shown this once and never stored. */
    public record NewInvitation(PlaylistInvitation invitation, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Stands for "no entry" where a query excludes the entry being moved. */
    private static final UUID NO_ENTRY = new UUID(0, 0);

    private final CatalogConfig.Playlists limits;
    private final MeterRegistry registry;
    private final Counter conflicts;
    private final PlaylistChangeLog changeLog;
    private final Pool pool;

    public PlaylistService(CatalogConfig config, MeterRegistry registry, PlaylistChangeLog changeLog, Pool pool) {
        this.changeLog = changeLog;
        this.pool = pool;
        this.limits = config.playlists();
        this.registry = registry;
        this.conflicts = Counter.builder("music.catalog.playlist.conflicts")
                .description("Playlist edits refused because they were made on an older version (412)")
                .register(registry);
        for (String change : List.of("create", "update", "add", "remove", "move", "delete", "join", "leave")) {
            changes(change);
        }
    }

    @WithTransaction
    public Uni<Seen> create(Caller caller, String name, String description, Playlist.Visibility visibility) {
        Instant now = now();
        Playlist playlist = new Playlist();
        playlist.id = UUID.randomUUID();
        playlist.ownerId = caller.id();
        playlist.ownerName = caller.name();
        playlist.name = name;
        playlist.description = description == null || description.isEmpty() ? null : description;
        playlist.visibility = visibility;
        playlist.version = 1;
        playlist.createdAt = now;
        playlist.updatedAt = now;
        return playlist.persist().map(saved -> {
            changes("create").increment();
            return new Seen(playlist, Role.OWNER, 0);
        });
    }

    /**
     * Whether {@code userId} may read the playlist now: the rule of {@link #read} (its owner, a
     * collaborator, or anyone when it is public) in one statement on the reactive client, without a
     * Hibernate session, so that it can be asked from any thread: the live streams ask it for each
     * change they receive from Kafka, where no session can be opened.
     */
    public Uni<Boolean> maySee(UUID id, String userId) {
        return pool.preparedQuery("""
                        SELECT EXISTS (SELECT 1 FROM playlist p WHERE p.id = $1 AND (p.owner_id = $2 OR p.visibility = 'PUBLIC'
                            OR EXISTS (SELECT 1 FROM playlist_collaborator c WHERE c.playlist_id = p.id AND c.user_id = $2)))""")
                .execute(Tuple.of(id, userId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The playlist if the caller may read it: its owner, a collaborator, or anyone when it is public. */
    @WithSession
    public Uni<Seen> read(UUID id, String userId) {
        return Playlist.<Playlist>findById(id).chain(playlist -> seen(id, playlist, userId));
    }

    /** The playlists the caller owns or collaborates on, newest first; {@code limit} at most. */
    @WithSession
    public Uni<List<Seen>> mine(String userId, Optional<Instant> afterCreated, Optional<UUID> afterId, int limit) {
        String after = afterCreated.isPresent() ? " AND (p.created_at, p.id) < (?2, ?3)" : "";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("SELECT p.* FROM playlist p WHERE (p.owner_id = ?1 OR EXISTS"
                    + " (SELECT 1 FROM playlist_collaborator c WHERE c.playlist_id = p.id AND c.user_id = ?1))" + after
                    + " ORDER BY p.created_at DESC, p.id DESC LIMIT " + limit, Playlist.class).setParameter(1, userId);
            afterCreated.ifPresent(created -> query.setParameter(2, OffsetDateTime.ofInstant(created, ZoneOffset.UTC))
                    .setParameter(3, afterId.orElseThrow()));
            return query.getResultList();
        }).chain(playlists -> collaboratorCounts(playlists.stream().map(p -> p.id).toList()).map(counts -> playlists.stream()
                .map(p -> new Seen(p, p.ownerId.equals(userId) ? Role.OWNER : Role.COLLABORATOR, counts.getOrDefault(p.id, 0)))
                .toList()));
    }

    /** Renames, describes, or (owner only) changes who sees the playlist. */
    @WithTransaction
    public Uni<Seen> update(UUID id, Caller caller, long version, Changes changes) {
        Role needed = changes.visibility().isPresent() ? Role.OWNER : Role.COLLABORATOR;
        return editable(id, caller, version, needed, "change who sees it").chain(seen -> {
            Playlist playlist = seen.playlist();
            changes.name().ifPresent(name -> playlist.name = name);
            changes.description().ifPresent(description -> playlist.description = description.isEmpty() ? null : description);
            changes.visibility().ifPresent(visibility -> playlist.visibility = visibility);
            return changed(seen, caller, PlaylistChangeLog.Edit.of(PlaylistChangeLog.UPDATE));
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, Caller caller, long version) {
        return editable(id, caller, version, Role.OWNER, "delete it")
                .chain(seen -> changeLog.deleted(seen.playlist(), caller).chain(() -> seen.playlist().delete()))
                .invoke(() -> changes("delete").increment());
    }

    /**
     * Adds tracks of the catalog, in the order given, before the entry now at {@code index} (from 0),
     * or at the end when {@code index} is absent. A track may appear several times.
     */
    @WithTransaction
    public Uni<Seen> addTracks(UUID id, Caller caller, long version, List<UUID> trackIds, Optional<Integer> index) {
        return editable(id, caller, version, Role.COLLABORATOR, null).chain(seen -> {
            Playlist playlist = seen.playlist();
            if (playlist.trackCount + trackIds.size() > limits.maxTracks()) {
                throw new PlaylistException.Unprocessable("trackIds", "would take the playlist over its limit of "
                        + limits.maxTracks() + " tracks (it holds " + playlist.trackCount + ")");
            }
            int at = index.orElse(playlist.trackCount);
            if (at > playlist.trackCount) {
                throw new PlaylistException.Unprocessable("index", "must be between 0 and " + playlist.trackCount
                        + ", the number of tracks in the playlist");
            }
            return statuses(trackIds).chain(statuses -> {
                for (int i = 0; i < trackIds.size(); i++) {
                    TrackStatus status = statuses.get(trackIds.get(i));
                    if (status == null) {
                        throw new PlaylistException.Unprocessable("trackIds[" + i + "]", "is not a track of the catalog: " + trackIds.get(i));
                    }
                    if (status == TrackStatus.TAKEN_DOWN) {
                        throw new PlaylistException.Unprocessable("trackIds[" + i + "]", "was taken down and can no longer be added: " + trackIds.get(i));
                    }
                }
                return freePositions(playlist.id, at, NO_ENTRY, trackIds.size());
            }).chain(positions -> {
                Instant now = now();
                List<PlaylistEntry> entries = new ArrayList<>();
                for (int i = 0; i < trackIds.size(); i++) {
                    PlaylistEntry entry = new PlaylistEntry();
                    entry.id = UUID.randomUUID();
                    entry.playlistId = playlist.id;
                    entry.position = positions[i];
                    entry.trackId = trackIds.get(i);
                    entry.addedBy = caller.id();
                    entry.addedAt = now;
                    entries.add(entry);
                }
                return PlaylistEntry.persist(entries).replaceWith(entries);
            }).chain(entries -> {
                playlist.trackCount += trackIds.size();
                return changed(seen, caller, new PlaylistChangeLog.Edit(PlaylistChangeLog.ADD,
                        entries.stream().map(entry -> entry.id).toList(), trackIds, at));
            });
        });
    }

    /** Moves one entry so that it ends up at {@code index} (from 0); one row is written, the others keep their positions. */
    @WithTransaction
    public Uni<Seen> move(UUID id, Caller caller, long version, UUID entryId, int index) {
        return editable(id, caller, version, Role.COLLABORATOR, null).chain(seen -> {
            Playlist playlist = seen.playlist();
            return requireEntry(playlist.id, entryId).chain(() -> {
                if (index >= playlist.trackCount) {
                    throw new PlaylistException.Unprocessable("index", "must be between 0 and " + (playlist.trackCount - 1)
                            + ", the last index in the playlist");
                }
                return freePositions(playlist.id, index, entryId, 1);
            }).chain(positions -> Panache.getSession().chain(session -> session
                    .createNativeQuery("UPDATE playlist_entry SET position = ?1 WHERE id = ?2")
                    .setParameter(1, positions[0]).setParameter(2, entryId)
                    .executeUpdate())).chain(updated -> changed(seen, caller,
                    new PlaylistChangeLog.Edit(PlaylistChangeLog.MOVE, List.of(entryId), List.of(), index)));
        });
    }

    @WithTransaction
    public Uni<Seen> remove(UUID id, Caller caller, long version, UUID entryId) {
        return editable(id, caller, version, Role.COLLABORATOR, null).chain(seen -> Panache.getSession()
                .chain(session -> session.createNativeQuery("DELETE FROM playlist_entry WHERE id = ?1 AND playlist_id = ?2 RETURNING track_id",
                                Object.class)
                        .setParameter(1, entryId).setParameter(2, id).getResultList())
                .chain(deleted -> {
                    if (deleted.isEmpty()) {
                        throw noSuchEntry(id, entryId);
                    }
                    seen.playlist().trackCount -= 1;
                    return changed(seen, caller, new PlaylistChangeLog.Edit(PlaylistChangeLog.REMOVE, List.of(entryId),
                            List.of((UUID) deleted.getFirst()), null));
                }));
    }

    /**
     * One page of entries in playlist order, after the entry {@code afterEntry} (or, if it was removed
     * meanwhile, after its last known position); only playable tracks when asked. {@code limit} at most.
     */
    @WithSession
    public Uni<Entries> entries(UUID id, String userId, boolean playableOnly, Optional<UUID> afterEntry, long afterPosition, int limit) {
        return read(id, userId).chain(seen -> Panache.getSession().chain(session -> {
            String playable = playableOnly
                    ? " AND EXISTS (SELECT 1 FROM track t WHERE t.id = e.track_id AND t.status = 'AVAILABLE')" : "";
            String after = afterEntry.isPresent()
                    ? " AND e.position > coalesce((SELECT a.position FROM playlist_entry a WHERE a.id = ?2 AND a.playlist_id = ?1), ?3)" : "";
            var query = session.createNativeQuery("SELECT e.* FROM playlist_entry e WHERE e.playlist_id = ?1" + playable + after
                    + " ORDER BY e.position LIMIT " + limit, PlaylistEntry.class).setParameter(1, id);
            afterEntry.ifPresent(entry -> query.setParameter(2, entry).setParameter(3, afterPosition));
            return query.getResultList();
        }).chain(entries -> {
            Set<UUID> trackIds = entries.stream().map(entry -> entry.trackId).collect(Collectors.toSet());
            Uni<List<Track>> tracks = trackIds.isEmpty() ? Uni.createFrom().item(List.of()) : Track.list("id in ?1", trackIds);
            return tracks.chain(found -> collaboratorsOf(id).map(collaborators -> {
                Map<String, String> names = new HashMap<>();
                collaborators.forEach(collaborator -> names.put(collaborator.userId(), collaborator.name()));
                names.put(seen.playlist().ownerId, seen.playlist().ownerName);
                return new Entries(entries, found.stream().collect(Collectors.toMap(track -> track.id, track -> track)), names);
            }));
        }));
    }

    /** Makes a share link; only the owner may. */
    @WithTransaction
    public Uni<NewInvitation> invite(UUID id, Caller caller) {
        return Playlist.<Playlist>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(playlist -> seen(id, playlist, caller.id()))
                .invoke(seen -> requireOwner(seen, "share it"))
                .chain(seen -> PlaylistInvitation.delete("playlistId = ?1 and expiresAt < ?2", id, now()))
                .chain(() -> PlaylistInvitation.count("playlistId", id))
                .chain(count -> {
                    if (count >= limits.maxInvitations()) {
                        throw new PlaylistException.Unprocessable("invitations", "are at their limit of " + limits.maxInvitations()
                                + " live share links; revoke one first");
                    }
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                    PlaylistInvitation invitation = new PlaylistInvitation();
                    invitation.id = UUID.randomUUID();
                    invitation.playlistId = id;
                    invitation.tokenSha256 = sha256(token);
                    invitation.createdAt = now();
                    invitation.expiresAt = invitation.createdAt.plus(limits.invitationTtl());
                    return invitation.persist().replaceWith(new NewInvitation(invitation, token));
                });
    }

    /** The live share links of a playlist, without their tokens; only the owner may list them. */
    @WithSession
    public Uni<List<PlaylistInvitation>> invitations(UUID id, String userId) {
        return read(id, userId).invoke(seen -> requireOwner(seen, "see its share links"))
                .chain(seen -> PlaylistInvitation.list("playlistId = ?1 and expiresAt >= ?2 order by createdAt, id", id, now()));
    }

    @WithTransaction
    public Uni<Void> revoke(UUID id, Caller caller, UUID invitationId) {
        return Playlist.<Playlist>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(playlist -> seen(id, playlist, caller.id()))
                .invoke(seen -> requireOwner(seen, "revoke its share links"))
                .chain(seen -> PlaylistInvitation.delete("id = ?1 and playlistId = ?2", invitationId, id))
                .invoke(deleted -> {
                    if (deleted == 0) {
                        throw new PlaylistException.NotFound("Playlist " + id + " has no share link " + invitationId + ".");
                    }
                }).replaceWithVoid();
    }

    /**
     * Redeems a share link: the caller becomes a collaborator. Redeeming again, or by the owner,
     * changes nothing. A token that is not one of this playlist's links is a 404, like a private playlist.
     */
    @WithTransaction
    public Uni<Seen> join(UUID id, Caller caller, String token) {
        return Playlist.<Playlist>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(playlist -> {
            if (playlist == null) {
                throw PlaylistException.NotFound.playlist(id);
            }
            return PlaylistInvitation.<PlaylistInvitation>find("tokenSha256", sha256(token)).firstResult().chain(invitation -> {
                if (invitation == null || !invitation.playlistId.equals(id)) {
                    throw new PlaylistException.NotFound("No share link of playlist " + id
                            + " has this token: it may have been revoked. Ask the owner for a new link.");
                }
                if (invitation.expiresAt.isBefore(Instant.now())) {
                    throw new PlaylistException.Expired("This share link expired at " + invitation.expiresAt
                            + ". Ask the owner of the playlist for a new link.");
                }
                return membership(id, caller.id());
            }).chain(membership -> {
                if (playlist.ownerId.equals(caller.id()) || membership.member()) {
                    return Uni.createFrom().item(new Seen(playlist,
                            playlist.ownerId.equals(caller.id()) ? Role.OWNER : Role.COLLABORATOR, membership.collaborators()));
                }
                if (membership.collaborators() >= limits.maxCollaborators()) {
                    throw new PlaylistException.Unprocessable("invitation", "cannot be redeemed: the playlist already has its "
                            + limits.maxCollaborators() + " collaborators");
                }
                return Panache.getSession().chain(session -> session
                        .createNativeQuery("INSERT INTO playlist_collaborator (playlist_id, user_id, user_name, joined_at) VALUES (?1, ?2, ?3, ?4)")
                        .setParameter(1, id).setParameter(2, caller.id()).setParameter(3, caller.name())
                        .setParameter(4, OffsetDateTime.ofInstant(now(), ZoneOffset.UTC))
                        .executeUpdate())
                        .chain(inserted -> changed(new Seen(playlist, Role.COLLABORATOR, membership.collaborators() + 1), caller,
                                PlaylistChangeLog.Edit.of(PlaylistChangeLog.JOIN)));
            });
        });
    }

    /** The owner removes a collaborator, or a collaborator leaves. */
    @WithTransaction
    public Uni<Void> removeCollaborator(UUID id, Caller caller, String userId) {
        return Playlist.<Playlist>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(playlist -> seen(id, playlist, caller.id()))
                .chain(seen -> {
                    boolean leaving = seen.role() == Role.COLLABORATOR && caller.id().equals(userId);
                    if (seen.role() != Role.OWNER && !leaving) {
                        throw new PlaylistException.NotAllowed("Only the owner of playlist " + id
                                + " may remove its collaborators; a collaborator may only leave.");
                    }
                    return Panache.getSession().chain(session -> session
                            .createNativeQuery("DELETE FROM playlist_collaborator WHERE playlist_id = ?1 AND user_id = ?2")
                            .setParameter(1, id).setParameter(2, userId)
                            .executeUpdate())
                            .chain(deleted -> {
                                if (deleted == 0) {
                                    throw new PlaylistException.NotFound(userId + " is not a collaborator of playlist " + id + ".");
                                }
                                return changed(seen, caller, PlaylistChangeLog.Edit.of(PlaylistChangeLog.LEAVE));
                            });
                }).replaceWithVoid();
    }

    /** Who may edit the playlist besides its owner; seen by the owner and the collaborators only. */
    @WithSession
    public Uni<List<Collaborator>> collaborators(UUID id, String userId) {
        return read(id, userId).invoke(seen -> {
            if (seen.role() == Role.VIEWER) {
                throw new PlaylistException.NotAllowed("Only the owner and the collaborators of playlist " + id + " see who collaborates on it.");
            }
        }).chain(seen -> collaboratorsOf(id));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private Counter changes(String change) {
        return Counter.builder("music.catalog.playlist.changes")
                .description("Playlist changes applied, by kind")
                .tag("change", change)
                .register(registry);
    }

    /** Moves the playlist on to its next version and records the change that made it. */
    private Uni<Seen> changed(Seen seen, Caller caller, PlaylistChangeLog.Edit edit) {
        seen.playlist().version += 1;
        seen.playlist().updatedAt = now();
        changes(edit.change()).increment();
        return changeLog.record(seen.playlist(), caller, edit).replaceWith(seen);
    }

    /** Locks the playlist, then checks that the caller may make this change and made it on the current version. */
    private Uni<Seen> editable(UUID id, Caller caller, long version, Role needed, String ownerOnlyAction) {
        return Playlist.<Playlist>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(playlist -> seen(id, playlist, caller.id()))
                .invoke(seen -> {
                    if (needed == Role.OWNER) {
                        requireOwner(seen, ownerOnlyAction);
                    } else if (seen.role() == Role.VIEWER) {
                        throw new PlaylistException.NotAllowed("Only the owner of playlist " + id
                                + " and its collaborators may change it; ask the owner for a share link.");
                    }
                    if (seen.playlist().version != version) {
                        conflicts.increment();
                        throw new PlaylistException.StaleVersion(version, seen.playlist().version);
                    }
                });
    }

    private static void requireOwner(Seen seen, String action) {
        if (seen.role() != Role.OWNER) {
            throw new PlaylistException.NotAllowed("Only the owner of playlist " + seen.playlist().id + " may " + action + ".");
        }
    }

    private static Uni<Seen> seen(UUID id, Playlist playlist, String userId) {
        if (playlist == null) {
            return Uni.createFrom().failure(PlaylistException.NotFound.playlist(id));
        }
        return membership(id, userId).map(membership -> {
            Role role = playlist.ownerId.equals(userId) ? Role.OWNER
                    : membership.member() ? Role.COLLABORATOR
                    : playlist.visibility == Playlist.Visibility.PUBLIC ? Role.VIEWER : null;
            if (role == null) {
                throw PlaylistException.NotFound.playlist(id);
            }
            return new Seen(playlist, role, membership.collaborators());
        });
    }

    /** How many collaborators a playlist has, and whether the user is one of them. */
    private record Membership(int collaborators, boolean member) {
    }

    private static Uni<Membership> membership(UUID id, String userId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT count(*), count(*) FILTER (WHERE user_id = ?2) FROM playlist_collaborator WHERE playlist_id = ?1",
                        Object[].class)
                .setParameter(1, id).setParameter(2, userId)
                .getSingleResult())
                .map(row -> new Membership(((Number) row[0]).intValue(), ((Number) row[1]).longValue() > 0));
    }

    private static Uni<Map<UUID, Integer>> collaboratorCounts(List<UUID> playlists) {
        if (playlists.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT playlist_id, count(*) FROM playlist_collaborator WHERE playlist_id = ANY(?1) GROUP BY playlist_id",
                        Object[].class)
                .setParameter(1, playlists.toArray(UUID[]::new))
                .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (UUID) row[0], row -> ((Number) row[1]).intValue())));
    }

    private static Uni<List<Collaborator>> collaboratorsOf(UUID id) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT user_id, user_name, joined_at FROM playlist_collaborator WHERE playlist_id = ?1"
                        + " ORDER BY joined_at, user_id", Object[].class)
                .setParameter(1, id)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new Collaborator((String) row[0], (String) row[1], Timestamps.instant(row[2]))).toList());
    }

    private static Uni<Map<UUID, TrackStatus>> statuses(List<UUID> trackIds) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select t.id, t.status from Track t where t.id in :ids", Object[].class)
                .setParameter("ids", Set.copyOf(trackIds))
                .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (UUID) row[0], row -> (TrackStatus) row[1])));
    }

    private static Uni<Void> requireEntry(UUID playlist, UUID entryId) {
        return PlaylistEntry.count("id = ?1 and playlistId = ?2", entryId, playlist).invoke(count -> {
            if (count == 0) {
                throw noSuchEntry(playlist, entryId);
            }
        }).replaceWithVoid();
    }

    private static PlaylistException noSuchEntry(UUID playlist, UUID entryId) {
        return new PlaylistException.NotFound("Playlist " + playlist + " has no entry " + entryId + ": it may have been removed.");
    }

    /**
     * {@code count} free positions for entries that are to stand at {@code index} (from 0) among the
     * playlist's entries other than {@code moving}; spreads the playlist out first when its
     * neighbours there leave no room.
     */
    private static Uni<long[]> freePositions(UUID playlist, int index, UUID moving, int count) {
        return neighbours(playlist, index, moving).chain(found -> {
            Optional<long[]> positions = PlaylistPositions.between(found[0], found[1], count);
            if (positions.isPresent()) {
                return Uni.createFrom().item(positions.get());
            }
            return spreadOut(playlist).chain(() -> neighbours(playlist, index, moving))
                    .map(again -> PlaylistPositions.between(again[0], again[1], count).orElseThrow());
        });
    }

    /** The positions just before and at {@code index} among the entries other than {@code moving}; null where there is none. */
    private static Uni<Long[]> neighbours(UUID playlist, int index, UUID moving) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT position FROM playlist_entry WHERE playlist_id = ?1 AND id <> ?2 ORDER BY position"
                        + " OFFSET ?3 LIMIT ?4", Object.class)
                .setParameter(1, playlist).setParameter(2, moving)
                .setParameter(3, Math.max(index - 1, 0)).setParameter(4, index == 0 ? 1 : 2)
                .getResultList())
                .map(rows -> {
                    List<Long> positions = rows.stream().map(value -> ((Number) value).longValue()).toList();
                    if (index == 0) {
                        return new Long[] {null, positions.isEmpty() ? null : positions.getFirst()};
                    }
                    return new Long[] {positions.isEmpty() ? null : positions.getFirst(), positions.size() > 1 ? positions.get(1) : null};
                });
    }

    /** Gives the playlist's entries the positions GAP, 2 GAP, ... in their order, in one statement. */
    private static Uni<Void> spreadOut(UUID playlist) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE playlist_entry e SET position = s.rank * ?2 FROM (SELECT id, row_number() OVER (ORDER BY position) AS rank"
                        + " FROM playlist_entry WHERE playlist_id = ?1) s WHERE e.id = s.id")
                .setParameter(1, playlist).setParameter(2, PlaylistPositions.GAP)
                .executeUpdate()).replaceWithVoid();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
