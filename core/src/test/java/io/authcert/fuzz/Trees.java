package io.authcert.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Structural inputs: a real document's tree (YAML or JSON read as maps, lists and scalars) with nodes
 * replaced by values of the wrong type, keys removed or added from the format's own vocabulary, values
 * wrapped in lists or mappings. The keys stay right, the shapes go wrong.
 */
public final class Trees {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Trees() {
    }

    /** A tagged scalar kept through a round trip ({@code !vault |}, {@code !unsafe}). */
    public record Tagged(String tag, String value) {
    }

    public enum Op { REPLACE, DELETE, ADD_KEY, WRAP_LIST, WRAP_MAP, DUPLICATE }

    /** One structural edit of the node numbered {@code node} in pre-order (modulo the node count). */
    public record TreeEdit(Op op, int node, String key, Object value) {
        @Override
        public String toString() {
            return op + "#" + node + (op == Op.ADD_KEY || op == Op.WRAP_MAP ? "(" + key + ")" : "")
                    + (op == Op.REPLACE || op == Op.ADD_KEY ? "=" + Mutations.printable(String.valueOf(value)) : "");
        }
    }

    /** A seed tree with its edits, and the text written from it. */
    public record TreeMutant(String seed, List<TreeEdit> edits, String text) {
        @Override
        public String toString() {
            return seed + " " + edits + " (" + text.length() + " chars)";
        }
    }

    /** A seed document as a tree. */
    public record TreeSeed(String name, Object tree) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Values of every type: scalars at their edges, small lists and mappings with the format's keys. */
    public static Arbitrary<Object> values(List<String> keys) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.just(null), Arbitraries.of(true, false).map(b -> b),
                Arbitraries.of(0, -1, 1, 2, 3, 59, 60, 61, 365, 366, 1825, 1826, 4096, 65535, 65536, Integer.MAX_VALUE,
                        Integer.MIN_VALUE).map(i -> (Object) i),
                Arbitraries.of(Long.MAX_VALUE, new BigInteger("123456789012345678901234567890"), 1.5, -0.0, 1e308,
                        Double.NaN, Double.POSITIVE_INFINITY).map(v -> (Object) v),
                Arbitraries.of(Mutations.COMMON).map(s -> (Object) s),
                Arbitraries.of(keys).map(s -> (Object) s),
                Arbitraries.of("", " ", "2h", "-5m", "99999999d", "auto", "staged", "wait", "import", "stop", "skip",
                        "acknowledge", "exchange", "all", "ex[1:3]", "2026-11-26T09:00:00Z", "0000-00-00T00:00:00Z",
                        "F".repeat(40), "f".repeat(39), "CN=x", "{{ undefined }}", "{{ 1 / 0 }}", "50%", "0%", "101%")
                        .map(s -> (Object) s));
        return Arbitraries.lazyOf(
                () -> scalar,
                () -> scalar,
                () -> scalar,
                () -> scalar.list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l)),
                () -> Combinators.combine(Arbitraries.of(keys), scalar).as((k, v) -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    m.put(k, v);
                    return (Object) m;
                }),
                () -> Arbitraries.of(List.of(), Map.of()).map(e -> e instanceof List ? (Object) new ArrayList<>()
                        : (Object) new LinkedHashMap<>()));
    }

    /** Seed trees with one to four structural edits. */
    public static Arbitrary<List<TreeEdit>> edits(List<String> keys) {
        Arbitrary<TreeEdit> edit = Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(keys), values(keys)).as(TreeEdit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Applies the edits to a deep copy of the tree. */
    public static Object apply(Object tree, List<TreeEdit> edits) {
        Object root = copy(tree);
        for (TreeEdit e : edits) {
            List<Slot> slots = new ArrayList<>();
            slots(new Slot(null, null, -1, root), slots);
            Slot s = slots.get(Math.floorMod(e.node(), slots.size()));
            Object current = s.get();
            switch (e.op()) {
                case REPLACE -> root = s.set(root, copy(e.value()));
                case DELETE -> {
                    if (s.parentMap != null) {
                        s.parentMap.remove(s.key);
                    } else if (s.parentList != null) {
                        s.parentList.remove(s.index);
                    } else {
                        root = null;
                    }
                }
                case ADD_KEY -> {
                    if (current instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<Object, Object> map = (Map<Object, Object>) m;
                        map.put(e.key(), copy(e.value()));
                    } else if (current instanceof List<?> l) {
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) l;
                        list.add(copy(e.value()));
                    } else {
                        root = s.set(root, copy(e.value()));
                    }
                }
                case WRAP_LIST -> root = s.set(root, new ArrayList<>(List.of(wrapNull(current))));
                case WRAP_MAP -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    m.put(e.key(), current);
                    root = s.set(root, m);
                }
                case DUPLICATE -> {
                    if (s.parentList != null) {
                        s.parentList.add(s.index, copy(current));
                    } else if (s.parentMap != null) {
                        s.parentMap.put(s.key + "_copy", copy(current));
                    }
                }
            }
        }
        return root;
    }

    private static Object wrapNull(Object o) {
        return o == null ? "" : o;
    }

    /** Where a node sits: in a mapping under a key, in a list at an index, or the root. */
    private record Slot(Map<Object, Object> parentMap, List<Object> parentList, int index, Object key, Object root) {
        Slot(Map<Object, Object> map, Object key, int index, Object root) {
            this(map, null, index, key, root);
        }

        Object get() {
            return parentMap != null ? parentMap.get(key) : parentList != null ? parentList.get(index) : root;
        }

        Object set(Object currentRoot, Object value) {
            if (parentMap != null) {
                parentMap.put(key, value);
                return currentRoot;
            }
            if (parentList != null) {
                parentList.set(index, value);
                return currentRoot;
            }
            return value;
        }
    }

    @SuppressWarnings("unchecked")
    private static void slots(Slot slot, List<Slot> out) {
        out.add(slot);
        Object v = slot.get();
        if (v instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                slots(new Slot((Map<Object, Object>) m, null, -1, k, null), out);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                slots(new Slot(null, (List<Object>) l, i, null, null), out);
            }
        }
    }

    private static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(k, copy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(copy(v)));
            return c;
        }
        return o;
    }

    /** Reads YAML as a tree, keeping {@code !vault} and {@code !unsafe} scalars. */
    public static Object readYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        SafeConstructor constructor = new SafeConstructor(options) {
            {
                for (String tag : List.of("!vault", "!unsafe")) {
                    yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                        @Override
                        public Object construct(Node node) {
                            return new Tagged(tag, ((ScalarNode) node).getValue());
                        }
                    });
                }
            }
        };
        return new Yaml(constructor).load(text);
    }

    /** Writes a tree as block YAML ({@code !vault} values as literal blocks, as Ansible writes them). */
    public static String writeYaml(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        Representer representer = new Representer(options) {
            {
                Represent tagged = data -> {
                    Tagged t = (Tagged) data;
                    return representScalar(new Tag(t.tag()), t.value(), t.value().contains("\n")
                            ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN);
                };
                representers.put(Tagged.class, tagged);
            }
        };
        return new Yaml(representer, options).dump(writable(tree));
    }

    /**
     * The tree with unpaired surrogates in its texts replaced by U+FFFD: SnakeYAML cannot write them
     * ("invalid string value"), and a file holding one is what an editor would save anyway.
     */
    private static Object writable(Object o) {
        if (o instanceof String s) {
            return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(writable(k), writable(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(writable(v)));
            return c;
        }
        if (o instanceof Tagged t) {
            return new Tagged(t.tag(), (String) writable(t.value()));
        }
        return o;
    }

    public static Object readJson(String text) {
        try {
            return JSON.readValue(text.replace("\uFEFF", ""), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String writeJson(Object tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
