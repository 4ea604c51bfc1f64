package io.authcert.lab.exchange;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RSA key pairs for the lab's certificates, generated once per JVM and reused round-robin: a
 * 2048-bit key takes a noticeable fraction of a second, and a simulated certificate needs a real key
 * but not a unique one (thumbprints still differ, because serial numbers and validity differ).
 */
final class KeyPool {

    /** Distinct keys kept per size; enough that neighbouring certificates rarely share one. */
    private static final int KEYS_PER_SIZE = 2;

    private static final Map<Integer, List<KeyPair>> POOL = new HashMap<>();
    private static final Map<Integer, Integer> NEXT = new HashMap<>();

    private KeyPool() {
    }

    static synchronized KeyPair take(int bits) {
        List<KeyPair> keys = POOL.computeIfAbsent(bits, b -> new ArrayList<>());
        int index = NEXT.merge(bits, 1, Integer::sum) - 1;
        if (keys.size() < KEYS_PER_SIZE && index >= keys.size()) {
            keys.add(generate(bits));
        }
        return keys.get(index % keys.size());
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }
}
