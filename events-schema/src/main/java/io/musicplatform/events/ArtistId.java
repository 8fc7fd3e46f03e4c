package io.musicplatform.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of an artist, derived from the artist's name alone, so that catalog, search, stats and
 * subscriptions agree on "the same artist" without asking one another: {@code "Beyoncé"},
 * {@code "BEYONCE"} and {@code " beyonce "} are one artist with one id.
 *
 * <p>The id is a name-based UUID, version 5 (SHA-1; RFC 9562, formerly RFC 4122), of the {@link #normalize normalized}
 * name in the namespace {@link #NAMESPACE}. The namespace, the normalization and the algorithm are
 * part of the contract: changing any of them changes every artist's id, in every service's data.
 */
public final class ArtistId {

    /** The namespace of artist ids. Never change it: every stored artist id depends on it. */
    public static final UUID NAMESPACE = UUID.fromString("8058cabc-abb4-4d71-92a6-59e887f2569b");

    private static final Pattern WHITESPACE = Pattern.compile("\\p{IsWhite_Space}+");
    /**
     * Invisible characters that tags carry by accident (a byte-order mark, a zero-width space, the NUL
     * that ends an ID3 string), never part of a name. The zero-width joiner stays: some scripts need it.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\u200D\\s]]");
    /** Apostrophes typed in different ways: Guns N’ Roses and Guns N' Roses are one band. */
    private static final Pattern APOSTROPHES = Pattern.compile("[\\u2018\\u2019\\u02BC\\u0060]");

    private ArtistId() {
    }

    /**
     * The artist id of {@code name}, as canonical UUID text (lower case, with hyphens).
     *
     * @throws IllegalArgumentException when the name is null or blank
     */
    public static String of(String name) {
        byte[] hash = sha1(NAMESPACE, normalize(name).getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // the RFC variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    /**
     * The form of {@code name} that the id is computed from; two names are the same artist exactly
     * when their normalized forms are equal:
     * <ol>
     * <li>Unicode NFKC, so that full-width letters, half-width katakana and the ideographic space
     * become their ordinary forms;</li>
     * <li>lower case, in {@link Locale#ROOT} (the same on every server, whatever its locale);</li>
     * <li>accents removed from Latin letters only: é becomes e, while Japanese dakuten and handakuten
     * (ガ, パ), and marks on other scripts, stay, because there they make a different name. Letters
     * that are not a base letter with an accent (ø, ł, ß, æ) stay as they are;</li>
     * <li>invisible format and control characters (byte-order mark, zero-width space, NUL) go, and
     * typographic apostrophes (’ ‘ ʼ `) become {@code '};</li>
     * <li>runs of whitespace become one space, and leading and trailing whitespace goes.</li>
     * </ol>
     *
     * @throws IllegalArgumentException when the name is null or blank
     */
    public static String normalize(String name) {
        if (name == null) {
            throw new IllegalArgumentException("An artist name is required, was null");
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String visible = APOSTROPHES.matcher(INVISIBLE.matcher(withoutLatinAccents(folded)).replaceAll("")).replaceAll("'");
        String normalized = WHITESPACE.matcher(visible).replaceAll(" ").strip();
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("An artist name must not be blank, was '" + name + "'");
        }
        return normalized;
    }

    /** Decomposes, drops the combining marks that sit on a Latin letter, and recomposes what is left. */
    private static String withoutLatinAccents(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        boolean onLatinLetter = false;
        for (int i = 0; i < decomposed.length(); ) {
            int codePoint = decomposed.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isCombiningMark(codePoint)) {
                // A mark belongs to the last base character, however many marks are stacked on it.
                if (onLatinLetter) {
                    continue;
                }
            } else {
                onLatinLetter = Character.isLetter(codePoint)
                        && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
            }
            kept.appendCodePoint(codePoint);
        }
        return Normalizer.normalize(kept, Normalizer.Form.NFC);
    }

    private static boolean isCombiningMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static byte[] sha1(UUID namespace, byte[] name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        return sha1.digest(name);
    }
}
