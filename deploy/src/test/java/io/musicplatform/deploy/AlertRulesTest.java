package io.musicplatform.deploy;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules as the charts ship them (each service's PrometheusRule, rendered by Helm), checked
 * by Prometheus's own {@code promtool}: {@code check rules} (valid PromQL, valid templates) and
 * {@code test rules} against the unit tests in {@code src/test/resources/alerts/} (each alert fires
 * when it should, with its labels and message, and stays silent when it should). {@code bin/test}
 * installs Debian's prometheus package, which carries promtool.
 */
class AlertRulesTest {

    private static final Path PROMTOOL = Path.of(System.getProperty("music.promtool", "/usr/bin/promtool"));
    private static final Path RULES = Path.of("target", "alerts").toAbsolutePath();

    @BeforeAll
    static void writeTheRenderedRules() throws IOException {
        assertThat(PROMTOOL).as("promtool (Debian package prometheus; bin/test installs it)").isExecutable();
        Files.createDirectories(RULES);
        List<PrometheusRule> rules = Manifests.ofKind(Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of())), PrometheusRule.class);
        assertThat(rules).hasSize(Charts.WORKLOADS.size());
        for (PrometheusRule rule : rules) {
            String service = rule.getMetadata().getName().substring("music-".length());
            Files.writeString(RULES.resolve(service + ".rules.yaml"), Serialization.asYaml(rule.getSpec()));
        }
        try (Stream<Path> tests = Files.list(Path.of("src", "test", "resources", "alerts"))) {
            for (Path test : tests.toList()) {
                Files.copy(test, RULES.resolve(test.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void everyServicesRulesAreValid() throws Exception {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), "check", "rules"));
        for (String service : Charts.WORKLOADS) {
            command.add(RULES.resolve(service + ".rules.yaml").toString());
        }
        Result check = run(command);
        assertThat(check.status()).as("promtool check rules:\n%s", check.output()).isZero();
    }

    @Test
    void theAlertsFireWhenTheyShouldAndOnlyThen() throws Exception {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), "test", "rules"));
        try (Stream<Path> tests = Files.list(RULES)) {
            tests.filter(file -> file.toString().endsWith(".test.yaml")).sorted().forEach(file -> command.add(file.toString()));
        }
        assertThat(command).hasSizeGreaterThan(3);
        Result test = run(command);
        assertThat(test.status()).as("promtool test rules:\n%s", test.output()).isZero();
    }

    @Test
    void everyAlertHasAUnitTest() throws IOException {
        StringBuilder tests = new StringBuilder();
        try (Stream<Path> files = Files.list(RULES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".test.yaml")).toList()) {
                tests.append(Files.readString(file));
            }
        }
        StringBuilder rules = new StringBuilder();
        for (String service : Charts.WORKLOADS) {
            rules.append(Files.readString(RULES.resolve(service + ".rules.yaml")));
        }
        List<String> alerts = java.util.regex.Pattern.compile("alert: \"?(\\w+)").matcher(rules).results()
                .map(match -> match.group(1)).distinct().toList();
        assertThat(alerts).contains("MusicServiceDown", "MusicHighErrorRate", "MusicConsumerLagGrowing", "MusicDeadLetterRecords", "MusicPlayLatencyHigh");
        assertThat(alerts).allSatisfy(alert -> assertThat(tests.toString()).as("a promtool test of %s", alert).contains("alertname: " + alert));
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
