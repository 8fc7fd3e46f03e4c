package io.musicplatform.benchmarks;

import io.musicplatform.realservers.LocalPlatform;

/**
 * A benchmark of {@code bin/bench} that needs the whole local platform, as {@code bin/platform up}
 * runs it (every server and service, the gateway, the web app and the demo library), on free ports.
 */
public interface PlatformBenchmark {

    /** Measures, once the platform is up and its demo library loaded; returns the figures to print. */
    Report run(LocalPlatform platform) throws Exception;
}
