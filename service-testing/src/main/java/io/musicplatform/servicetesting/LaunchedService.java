package io.musicplatform.servicetesting;

import io.musicplatform.realservers.ServiceLaunch;
import io.musicplatform.realservers.ServiceProcess;

import java.time.Duration;

/**
 * A service that {@link ServiceLauncher} started as a process of its own: its ports, its log, and
 * the ways to end it: {@link #kill()} as a crash would ({@code SIGKILL}), {@link #stop()} as an
 * orchestrator would ({@code SIGTERM}, graceful), and {@link #restart()} on the same ports with the
 * same configuration. {@link #close()} stops it if it still runs.
 *
 * <p>The process handling is the kit's {@link ServiceProcess}, the same that runs the local
 * platform's services; this type keeps the tests' fluent calls typed.
 */
public final class LaunchedService extends ServiceProcess {

    private LaunchedService(ServiceLaunch launch) {
        super(launch);
    }

    static LaunchedService started(ServiceLaunch launch) {
        LaunchedService service = new LaunchedService(launch);
        service.launch(false);
        return service;
    }

    @Override
    public LaunchedService awaitReady(Duration timeout) {
        super.awaitReady(timeout);
        return this;
    }

    @Override
    public LaunchedService restart() {
        super.restart();
        return this;
    }
}
