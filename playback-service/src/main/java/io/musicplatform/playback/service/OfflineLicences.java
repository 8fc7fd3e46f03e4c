package io.musicplatform.playback.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.playback.config.PlaybackConfig;
import io.musicplatform.playback.entity.OfflineLicence;
import io.musicplatform.playback.entity.PlayableTrack;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Offline licences (from the seed notes): a listener keeps a track for offline listening while the
 * licence lasts, renewing its download URL through the API. They are not plays and emit no event. A
 * listener revokes one; a takedown revokes every licence of its track; past the cap, no new one.
 */
@ApplicationScoped
public class OfflineLicences {

    /** A licence with the track it is for. */
    public record Licensed(OfflineLicence licence, PlayableTrack track) {
    }

    private final Duration licenceTtl;
    private final int cap;
    private final Counter issued;

    public OfflineLicences(PlaybackConfig config, MeterRegistry registry) {
        this.licenceTtl = config.licenceTtl();
        this.cap = config.maxOfflineLicences();
        this.issued = Counter.builder("music.playback.licences.issued")
                .description("Offline licences issued (not plays: they emit no TrackPlayed)")
                .register(registry);
    }

    @WithTransaction
    public Uni<Licensed> issue(UUID trackId, Listener listener) {
        Instant now = now();
        // One listener's issues take turns, so that two at once cannot both pass the cap.
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, listener.id()).getSingleResult())
                .chain(() -> OfflineLicence.count("userId = ?1 and revokedAt is null and expiresAt > ?2", listener.id(), now))
                .chain(active -> {
                    if (active >= cap) {
                        throw new PlayRefused.TooManyLicences(cap);
                    }
                    return PlayableTrack.<PlayableTrack>findById(trackId);
                })
                .chain(track -> {
                    PlaybackService.requirePlayable(trackId, track, listener);
                    OfflineLicence licence = new OfflineLicence();
                    licence.id = UUID.randomUUID();
                    licence.userId = listener.id();
                    licence.trackId = trackId;
                    licence.issuedAt = now;
                    licence.expiresAt = now.plus(licenceTtl);
                    return licence.<OfflineLicence>persist().map(saved -> new Licensed(licence, track));
                })
                .invoke(() -> issued.increment());
    }

    /** A new download URL for an active licence of this listener, if the track may still be played where they are. */
    @WithSession
    public Uni<Licensed> renew(UUID licenceId, Listener listener) {
        return own(licenceId, listener.id()).chain(licence -> {
            if (licence.revokedAt != null) {
                throw new PlayRefused.LicenceEnded(licence.revokedReason == OfflineLicence.Revocation.TAKEN_DOWN
                        ? "Licence " + licenceId + " ended when its track was taken down."
                        : "You revoked licence " + licenceId + "; download the track again for a new one.");
            }
            if (!licence.activeAt(Instant.now())) {
                throw new PlayRefused.LicenceEnded("Licence " + licenceId + " expired at " + licence.expiresAt
                        + "; download the track again for a new one.");
            }
            return PlayableTrack.<PlayableTrack>findById(licence.trackId).map(track -> {
                PlaybackService.requirePlayable(licence.trackId, track, listener);
                return new Licensed(licence, track);
            });
        });
    }

    /** The listener's licences, newest first, active or not; {@code limit} at most. */
    @WithSession
    public Uni<List<OfflineLicence>> of(String userId, Optional<Instant> afterIssued, Optional<UUID> afterId, int limit) {
        if (afterIssued.isEmpty()) {
            return OfflineLicence.find("userId = ?1 order by issuedAt desc, id desc", userId).range(0, limit - 1).list();
        }
        return OfflineLicence.find("userId = ?1 and (issuedAt < ?2 or (issuedAt = ?2 and id < ?3)) order by issuedAt desc, id desc",
                userId, afterIssued.get(), afterId.orElseThrow()).range(0, limit - 1).list();
    }

    /** Revokes a licence of this listener: it gives no more URLs. Revoking it again changes nothing. */
    @WithTransaction
    public Uni<Void> revoke(UUID licenceId, String userId) {
        return own(licenceId, userId).invoke(licence -> {
            if (licence.revokedAt == null) {
                licence.revokedAt = now();
                licence.revokedReason = OfflineLicence.Revocation.LISTENER;
            }
        }).replaceWithVoid();
    }

    /** Revokes every active licence of a track that was taken down, inside the transaction that applies the takedown. */
    static Uni<Void> revokeForTakedown(UUID trackId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE offline_licence SET revoked_at = ?1, revoked_reason = 'TAKEN_DOWN' WHERE track_id = ?2 AND revoked_at IS NULL")
                .setParameter(1, OffsetDateTime.ofInstant(now(), ZoneOffset.UTC)).setParameter(2, trackId)
                .executeUpdate()).replaceWithVoid();
    }

    private static Uni<OfflineLicence> own(UUID licenceId, String userId) {
        return OfflineLicence.<OfflineLicence>findById(licenceId).map(licence -> {
            if (licence == null || !licence.userId.equals(userId)) {
                throw new PlayRefused.NoSuchLicence(licenceId);
            }
            return licence;
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
