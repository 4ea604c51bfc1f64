package io.authcert.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The number of tries of every fuzz property: {@link #DEFAULT} in the build (a few hundred, so the
 * fuzz tests stay within seconds), or {@code -Dauthcert.fuzz.tries=N} for a longer local run
 * (docs/fuzzing.md). Used as {@code @AddLifecycleHook(FuzzTries.class)} on the fuzz classes.
 */
public final class FuzzTries implements AroundPropertyHook {

    public static final String PROPERTY = "authcert.fuzz.tries";
    public static final int DEFAULT = 300;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setTries(tries());
        return property.execute();
    }

    /** Registered on a class, it applies to each of its properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /** Runs before jqwik reads the attributes' tries. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }

    public static int tries() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return Math.max(1, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a number of tries, got '" + value + "'", e);
        }
    }
}
