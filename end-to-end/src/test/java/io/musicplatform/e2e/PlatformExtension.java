package io.musicplatform.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the one {@link EndToEnd} platform of this JVM: booted by the first test that asks,
 * kept in JUnit's root store, closed when the whole run is over (the dashboard and browser checks of
 * later issues run on this same boot).
 */
public final class PlatformExtension implements ParameterResolver {

    /** A boot that failed fails every later test at once, rather than booting again for each class. */
    private static RuntimeException bootFailure;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EndToEnd.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        synchronized (PlatformExtension.class) {
            if (bootFailure != null) {
                throw new IllegalStateException("the platform did not boot (see the first failure)", bootFailure);
            }
            try {
                return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .getOrComputeIfAbsent(EndToEnd.class, type -> EndToEnd.boot(), EndToEnd.class);
            } catch (RuntimeException e) {
                bootFailure = e;
                throw e;
            }
        }
    }
}
