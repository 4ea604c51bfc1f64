package io.authcert.cli;

import java.io.InputStream;
import java.io.OutputStream;

/** The process's standard input and output as bytes, for commands that pass data through ({@code vault decrypt -}). */
interface StandardStreams {

    InputStream in();

    OutputStream out();

    /** {@code System.in} and {@code System.out}. */
    StandardStreams SYSTEM = new StandardStreams() {
        @Override
        public InputStream in() {
            return System.in;
        }

        @Override
        public OutputStream out() {
            return System.out;
        }
    };
}
