package io.musicplatform.realservers;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The servers the kit can start, by the names used in configuration and on the command line. */
public enum ServerKind {
    KAFKA("kafka"),
    POSTGRES("postgres"),
    OPENSEARCH("opensearch"),
    S3("s3"),
    KEYCLOAK("keycloak");

    private final String label;

    ServerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ServerKind of(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.label.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown server '" + label + "': choose among "
                        + Arrays.stream(values()).map(ServerKind::label).collect(Collectors.joining(", "))));
    }

    /** Parses a comma-separated list such as {@code kafka,postgres}; blank entries are ignored. */
    public static Set<ServerKind> parseList(String labels) {
        Set<ServerKind> kinds = EnumSet.noneOf(ServerKind.class);
        for (String label : labels.split(",")) {
            if (!label.isBlank()) {
                kinds.add(of(label));
            }
        }
        return kinds;
    }
}
