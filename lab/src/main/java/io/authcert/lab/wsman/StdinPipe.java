package io.authcert.lab.wsman;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

/**
 * A command's standard input: bytes arrive with each Send request and are read by the running
 * command; the stream ends when a Send carries {@code End="true"}, or the command is signalled or
 * its shell deleted.
 */
final class StdinPipe extends InputStream {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte[] buffer = new byte[0];
    private int position;
    private boolean closed;

    synchronized void write(byte[] bytes) {
        if (!closed) {
            pending.writeBytes(bytes);
            notifyAll();
        }
    }

    /** No more input: readers see the end of the stream once they have read what was sent. */
    synchronized void end() {
        closed = true;
        notifyAll();
    }

    @Override
    public synchronized int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (position >= buffer.length) {
            if (pending.size() > 0) {
                buffer = pending.toByteArray();
                pending.reset();
                position = 0;
            } else if (closed) {
                return -1;
            } else {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position + pending.size();
    }
}
