package io.musicplatform.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict} and {@code helm template} for every chart, with its defaults and each of its ci/ values files. */
class ChartLintTest {

    static List<String> charts() {
        List<String> charts = new ArrayList<>(Charts.applications());
        charts.add(Charts.LIBRARY);
        return charts;
    }

    @ParameterizedTest
    @MethodSource("charts")
    void lintsStrictly(String chart) {
        LintResult lint = new Helm(Charts.chart(chart)).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict %s: %s", chart, lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).as("helm lint --strict %s", chart)
                .noneMatch(message -> message.startsWith("[WARNING]") || message.startsWith("[ERROR]"));
    }

    @ParameterizedTest
    @MethodSource("io.musicplatform.deploy.ChartLintTest#applicationsWithCiValues")
    void lintsStrictlyWithEachCiValuesFile(String chart, Path values) {
        LintResult lint = new Helm(Charts.withValues(chart, values)).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict %s -f %s: %s", chart, values.getFileName(), lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.startsWith("[WARNING]") || message.startsWith("[ERROR]"));
    }

    @ParameterizedTest
    @MethodSource("io.musicplatform.deploy.ChartLintTest#applicationsWithValues")
    void rendersWithItsDefaultsAndEachCiValuesFile(String chart, Path values) {
        String rendered = Charts.render(chart, values, Map.of());
        String name = values == null ? "defaults.yaml" : values.getFileName().toString();
        Charts.keep(chart + "-" + name, rendered);
        assertThat(rendered).as("%s with %s", chart, name).contains("kind: Deployment");
    }

    /** Each application chart with its defaults (a null values file), then with each of its ci/ values files. */
    static List<Arguments> applicationsWithValues() {
        List<Arguments> cases = new ArrayList<>();
        Charts.applications().forEach(chart -> cases.add(Arguments.of(chart, null)));
        cases.addAll(applicationsWithCiValues());
        return cases;
    }

    /** Each application chart with each of its ci/ values files. */
    static List<Arguments> applicationsWithCiValues() {
        List<Arguments> cases = new ArrayList<>();
        for (String chart : Charts.applications()) {
            List<Path> files = Charts.ciValues(chart);
            assertThat(files).as("%s has ci/ values files", chart).isNotEmpty();
            files.forEach(file -> cases.add(Arguments.of(chart, file)));
        }
        return cases;
    }
}
