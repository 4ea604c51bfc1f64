package io.authcert.cli;

/** Whether {@code --debug} was given; read by the error handler when it decides to print a stack trace. */
final class DebugFlag {

    private static volatile boolean debug;

    private DebugFlag() {
    }

    static void set(boolean value) {
        debug = value;
    }

    static boolean isSet() {
        return debug;
    }
}
