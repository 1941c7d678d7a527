package dev.maillab.labservers;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When the servers of an extension of this module run: registered in a static field with
 * {@code @RegisterExtension}, from before all tests of the class to after them; after {@link #perTestLifecycle()},
 * around each test, fresh for each. Started once for a class and its {@code @Nested} classes.
 */
abstract class InProcessServers implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private boolean perTest;
    /** The unique id of the class (or test) whose callbacks started the servers, null while they are stopped. */
    private String startedBy;

    /** Starts the servers; stop() follows even when this fails half-way. */
    protected abstract void start() throws Exception;

    /** Stops what start() started and removes its files; safe after a start() that failed. */
    protected abstract void stop() throws Exception;

    protected final void perTestLifecycle() {
        perTest = true;
    }

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        if (!perTest && startedBy == null) {
            startFor(context);
        }
    }

    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        if (perTest) {
            startFor(context);
        } else if (startedBy == null) {
            throw new ExtensionConfigurationException(getClass().getSimpleName()
                    + " in an instance field only starts per test: make the field static, or call perTest()");
        }
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        stopFor(context);
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        stopFor(context);
    }

    private void startFor(ExtensionContext context) throws Exception {
        startedBy = context.getUniqueId();
        start();
    }

    private void stopFor(ExtensionContext context) throws Exception {
        if (context.getUniqueId().equals(startedBy)) {
            startedBy = null;
            stop();
        }
    }

    /** For the accessors: a clear failure instead of a NullPointerException outside the servers' lifetime. */
    protected final void requireRunning() {
        if (startedBy == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not running: register it with @RegisterExtension (static field), and use it in tests");
        }
    }
}
