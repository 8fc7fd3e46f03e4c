package io.musicplatform.ingestion.service;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for a file name a client sends. It is never part of an object key (objects are named by
 * upload id and content hash), but it is kept and shown as a title fallback, so it must be a plain
 * name: no folders, no way up, no control or bidirectional-override characters.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;
    private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]");

    private FileNames() {
    }

    /** The name in Unicode NFC, or why it is refused. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IngestionRefused.InvalidField("fileName", "must name the file, e.g. \"Artist - Title.mp3\"");
        }
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
        problem(normalized).ifPresent(message -> {
            throw new IngestionRefused.InvalidField("fileName", message);
        });
        return normalized;
    }

    private static Optional<String> problem(String name) {
        if (name.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (FORBIDDEN.matcher(name).find()) {
            return Optional.of("must not contain control or invisible formatting characters");
        }
        if (name.contains("/") || name.contains("\\") || name.contains(":")) {
            return Optional.of("must be a file name without a folder: no '/', '\\' or ':'");
        }
        if (name.equals(".") || name.equals("..") || name.startsWith(".")) {
            return Optional.of("must not start with '.'");
        }
        if (!name.strip().equals(name)) {
            return Optional.of("must not start or end with blanks");
        }
        return Optional.empty();
    }
}
