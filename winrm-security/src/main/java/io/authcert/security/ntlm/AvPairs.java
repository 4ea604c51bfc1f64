package io.authcert.security.ntlm;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The AV_PAIR list of MS-NLMP 2.2.2.1 (TargetInfo), kept in order because it is hashed as sent. */
public final class AvPairs {

    public static final int EOL = 0;
    public static final int NB_COMPUTER_NAME = 1;
    public static final int NB_DOMAIN_NAME = 2;
    public static final int DNS_COMPUTER_NAME = 3;
    public static final int DNS_DOMAIN_NAME = 4;
    public static final int DNS_TREE_NAME = 5;
    public static final int FLAGS = 6;
    public static final int TIMESTAMP = 7;
    public static final int SINGLE_HOST = 8;
    public static final int TARGET_NAME = 9;
    public static final int CHANNEL_BINDINGS = 10;

    /** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
    public static final int FLAG_MIC_PRESENT = 0x2;

    private final Map<Integer, byte[]> pairs;

    private AvPairs(Map<Integer, byte[]> pairs) {
        this.pairs = pairs;
    }

    public static AvPairs empty() {
        return new AvPairs(new LinkedHashMap<>());
    }

    /** Parses an encoded list up to MsvAvEOL. */
    public static AvPairs parse(byte[] encoded) {
        Map<Integer, byte[]> pairs = new LinkedHashMap<>();
        int off = 0;
        while (off + 4 <= encoded.length) {
            int id = Le.u16(encoded, off);
            int len = Le.u16(encoded, off + 2);
            if (id == EOL) {
                break;
            }
            pairs.put(id, Le.slice(encoded, off + 4, len));
            off += 4 + len;
        }
        return new AvPairs(pairs);
    }

    public AvPairs with(int id, byte[] value) {
        Map<Integer, byte[]> copy = new LinkedHashMap<>(pairs);
        copy.put(id, value.clone());
        return new AvPairs(copy);
    }

    public AvPairs withText(int id, String value) {
        return with(id, Le.utf16(value));
    }

    public Optional<byte[]> get(int id) {
        return Optional.ofNullable(pairs.get(id)).map(byte[]::clone);
    }

    public Optional<String> text(int id) {
        return get(id).map(Le::utf16);
    }

    /** MsvAvFlags, 0 when absent. */
    public int flags() {
        return get(FLAGS).filter(v -> v.length == 4).map(v -> Le.u32(v, 0)).orElse(0);
    }

    public Map<Integer, byte[]> asMap() {
        return Collections.unmodifiableMap(pairs);
    }

    /** The encoding, terminated by MsvAvEOL. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pairs.forEach((id, value) -> {
            Le.put16(out, id);
            Le.put16(out, value.length);
            out.writeBytes(value);
        });
        Le.put32(out, 0);
        return out.toByteArray();
    }
}
