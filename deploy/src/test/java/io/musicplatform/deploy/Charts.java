package io.musicplatform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The charts under {@code deploy/helm}, as an operator gets them: copied once per test JVM to
 * {@code target/helm} (so that nothing is written into the checkout), their {@code file://}
 * dependencies fetched with Helm's own {@code dependency update} (the library into each service
 * chart and the web app's, then those charts into the umbrella), and rendered with the real Helm that helm-java
 * embeds.
 */
final class Charts {

    static final String UMBRELLA = "music-platform";
    static final String LIBRARY = "music-common";
    static final List<String> SERVICES =
            List.of("catalog-service", "playback-service", "stats-service", "search-service", "ingestion-service");
    /** The web app's chart: built on the library as the services' are, without Kafka or a store. */
    static final String WEB = "web";
    /** The charts of the platform's workloads: the five services, then the web app. */
    static final List<String> WORKLOADS = workloads();

    private static final Path SOURCE = root().resolve("deploy").resolve("helm");
    private static final Path PREPARED = Path.of("target", "helm").toAbsolutePath();
    private static boolean prepared;

    private Charts() {
    }

    /** The checkout's top folder (the build passes it; from an IDE, the module's parent). */
    static Path root() {
        return Path.of(System.getProperty("music.root", "..")).toAbsolutePath().normalize();
    }

    private static List<String> workloads() {
        List<String> charts = new ArrayList<>(SERVICES);
        charts.add(WEB);
        return List.copyOf(charts);
    }

    /** The application charts: the five services, the web app, then the umbrella. */
    static List<String> applications() {
        List<String> charts = new ArrayList<>(WORKLOADS);
        charts.add(UMBRELLA);
        return charts;
    }

    /** The prepared copy of {@code chart}, its dependencies in its {@code charts/} folder. */
    static synchronized Path chart(String chart) {
        if (!prepared) {
            prepare();
            prepared = true;
        }
        return PREPARED.resolve(chart);
    }

    /** The source folder of {@code chart} in the checkout (for its ci/ values files and its files). */
    static Path source(String chart) {
        return SOURCE.resolve(chart);
    }

    /** The values files under the chart's {@code ci/} folder, which the chart is tested with. */
    static List<Path> ciValues(String chart) {
        Path ci = source(chart).resolve("ci");
        if (!Files.isDirectory(ci)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ci)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders {@code chart} as release {@code music} in namespace {@code music} with a values file (or none) and {@code --set}s. */
    static String render(String chart, Path valuesFile, Map<String, String> sets) {
        TemplateCommand template = new Helm(chart(chart)).template().withName("music").withNamespace("music");
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, String> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    /**
     * A copy of the prepared {@code chart} whose values.yaml is its own deep-merged with
     * {@code valuesFile} (maps merged key by key, anything else replaced), for the commands of
     * helm-java that take no values file ({@code lint}).
     */
    static Path withValues(String chart, Path valuesFile) {
        try {
            Path copy = PREPARED.resolveSibling("helm-with-values").resolve(chart + "-" + valuesFile.getFileName().toString().replace(".yaml", ""));
            deleteRecursively(copy);
            copyRecursively(chart(chart), copy, false);
            ObjectMapper yaml =
                    new ObjectMapper(new YAMLFactory());
            JsonNode merged = merge(yaml.readTree(copy.resolve("values.yaml").toFile()), yaml.readTree(valuesFile.toFile()));
            yaml.writeValue(copy.resolve("values.yaml").toFile(), merged);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode merge(JsonNode base, JsonNode overrides) {
        if (!(base instanceof ObjectNode target) || !overrides.isObject()) {
            return overrides;
        }
        overrides.properties().forEach(entry -> target.set(entry.getKey(),
                target.has(entry.getKey()) ? merge(target.get(entry.getKey()), entry.getValue()) : entry.getValue()));
        return target;
    }

    /** Keeps a rendering under {@code target/rendered/} for people to read. */
    static void keep(String name, String rendered) {
        try {
            Path file = Path.of("target", "rendered", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void prepare() {
        try {
            deleteRecursively(PREPARED);
            copyRecursively(SOURCE, PREPARED, true);
            for (String workload : WORKLOADS) {
                new Helm(PREPARED.resolve(workload)).dependency().update().call();
            }
            new Helm(PREPARED.resolve(UMBRELLA)).dependency().update().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyRecursively(Path from, Path to, boolean withoutDependencies) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path relative = from.relativize(path);
                // What a dependency update left in the checkout is fetched afresh here.
                if (withoutDependencies && (relative.toString().contains("charts" + path.getFileSystem().getSeparator()) || relative.endsWith("Chart.lock"))) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
