package io.musicplatform.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdicts of the final table: a missed target fails the run (bin/bench exits 1), a figure without one never does. */
class ReportTest {

    @Test
    void anAbsoluteMinimumPassesAtOrAboveItAndFailsBelow() {
        Report met = new Report();
        met.atLeast("plays counted", 50_000, 50_000);
        assertThat(met.allPassed()).isTrue();
        assertThat(met.table()).contains("50,000/s", ">= 50,000/s", "PASS");

        Report missed = new Report();
        missed.atLeast("plays counted", 8_225, 50_000);
        assertThat(missed.allPassed()).isFalse();
        assertThat(missed.table()).contains("8,225/s", "FAIL");
    }

    @Test
    void aCheckSaysWhatWasFoundAndFailsTheRunWhenItDoesNotHold() {
        Report report = new Report();
        report.check("final counts equal what was published", "1,150,000 plays, all equal", "exact", true);
        report.info("the history's own write rate", "57,458/s");
        assertThat(report.allPassed()).isTrue();

        report.check("final counts equal what was published", "2 differ", "exact", false);
        assertThat(report.allPassed()).isFalse();
        assertThat(report.table()).contains("2 differ", "exact", "FAIL");
    }
}
