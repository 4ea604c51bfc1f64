package io.authcert.lab.pwsh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The console code page powershell.exe writes redirected output in: OEM 437 by default (characters it
 * cannot represent become '?'), UTF-8 once a script sets {@code [Console]::OutputEncoding} to UTF8.
 */
final class ConsoleEncoding {

    private ConsoleEncoding() {
    }

    /** Code page 437 when the JDK has it (IBM437); otherwise ASCII with '?' for the rest. */
    static final Charset OEM_437 = pick();

    private static Charset pick() {
        try {
            return Charset.forName("IBM437");
        } catch (RuntimeException e) {
            return new AsciiWithQuestionMarks();
        }
    }

    static Charset forCodePage(int codePage) {
        return switch (codePage) {
            case 65001 -> StandardCharsets.UTF_8;
            case 1200 -> StandardCharsets.UTF_16LE;
            case 20127 -> StandardCharsets.US_ASCII;
            case 1252 -> Charset.forName("windows-1252");
            default -> OEM_437;
        };
    }

    /** Fallback charset: US-ASCII that replaces everything else with '?'. */
    private static final class AsciiWithQuestionMarks extends Charset {
        AsciiWithQuestionMarks() {
            super("x-lab-oem", new String[0]);
        }

        @Override
        public boolean contains(Charset cs) {
            return Set.of("US-ASCII").contains(cs.name());
        }

        @Override
        public CharsetDecoder newDecoder() {
            return StandardCharsets.US_ASCII.newDecoder();
        }

        @Override
        public CharsetEncoder newEncoder() {
            return new CharsetEncoder(this, 1, 1, new byte[] {'?'}) {
                @Override
                protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
                    while (in.hasRemaining()) {
                        if (!out.hasRemaining()) {
                            return CoderResult.OVERFLOW;
                        }
                        char c = in.get();
                        out.put(c < 128 ? (byte) c : (byte) '?');
                    }
                    return CoderResult.UNDERFLOW;
                }
            };
        }
    }
}
