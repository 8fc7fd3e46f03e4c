package io.musicplatform.playback.service;

import java.time.Duration;
import java.util.UUID;

/** Why a play was refused. The REST layer gives each kind its status; the service knows no HTTP. */
public abstract sealed class PlayRefused extends RuntimeException {

    private PlayRefused(String message) {
        super(message, null, false, false);
    }

    public static final class NoSuchTrack extends PlayRefused {
        public NoSuchTrack(UUID id) {
            super("No track has the id " + id + ".");
        }
    }

    public static final class TakenDown extends PlayRefused {
        public TakenDown(UUID id) {
            super("Track " + id + " was taken down and can no longer be played.");
        }
    }

    /** The track's rights do not cover the listener's country (or the listener has none and the track is limited). */
    public static final class NotInTerritory extends PlayRefused {
        public NotInTerritory(UUID id, String country) {
            super(country == null
                    ? "Track " + id + " may only be played in some countries, and your account has no country: set one in your profile."
                    : "Track " + id + " may not be played in " + country + ".");
        }
    }

    /** The Idempotency-Key was used by this listener for another track. */
    public static final class KeyReused extends PlayRefused {
        public KeyReused(String key, UUID otherTrack) {
            super("Idempotency-Key " + key + " was already used for a play of track " + otherTrack
                    + "; send a new key for a new play.");
        }
    }

    /** The listener started more plays than allowed in a minute. */
    public static final class TooManyPlays extends PlayRefused {
        private final Duration retryAfter;

        public TooManyPlays(int perMinute, Duration retryAfter) {
            super("You started more than " + perMinute + " plays in a minute; try again in " + Math.max(1, retryAfter.toSeconds()) + " s.");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** No such offline licence, or one of another listener: the two look the same. */
    public static final class NoSuchLicence extends PlayRefused {
        public NoSuchLicence(UUID id) {
            super("You have no offline licence " + id + ".");
        }
    }

    /** The licence was revoked or has expired: it gives no more URLs. */
    public static final class LicenceEnded extends PlayRefused {
        public LicenceEnded(String message) {
            super(message);
        }
    }

    /** The listener holds as many active offline licences as allowed. */
    public static final class TooManyLicences extends PlayRefused {
        public TooManyLicences(int cap) {
            super("You hold " + cap + " active offline licences, the most allowed: revoke one (DELETE /api/playback/downloads/{id}) first.");
        }
    }
}
