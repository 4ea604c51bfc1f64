package io.authcert.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Text inputs for fuzzing: real files damaged by a few edits (flip, insert, delete, truncate,
 * duplicate or swap lines, re-indent, deep nesting, huge scalars), random Unicode and random bytes.
 * A mutant prints as its seed and its edits, so a failure names the input without pages of text.
 */
public final class Mutations {

    /** Tokens that break every text format at once: NULs, BOMs, tabs, line ends, surrogates, quotes. */
    public static final List<String> COMMON = List.of("\0", "\uFEFF", "\t", "\r", "\r\n", "\n", "\u2028", "\u0085",
            "\u00A0", "\uD800", "\uDFFF", "\uD83D\uDE00", "\uFFFD", "\uFFFF", "'", "\"", "\\", "#", " ", "", "é",
            "-1", "0", "99999999999999999999999", "1e99999", "NaN", "-0", "0x1F", "1_000", "null", "true", "~",
            "{{ x }}", "{{", "}}", "{% if %}", "$ANSIBLE_VAULT;1.1;AES256\n", "A".repeat(300));

    public static final List<String[]> YAML_NESTS = List.of(new String[] {"[", "]"}, new String[] {"{a: ", "}"},
            new String[] {"- ", ""}, new String[] {"&a [*a, ", "]"});
    public static final List<String[]> JSON_NESTS = List.of(new String[] {"[", "]"}, new String[] {"{\"a\":", "}"});
    public static final List<String[]> XML_NESTS = List.of(
            new String[] {"<Obj><Props><Obj N=\"x\"><LST>", "</LST></Obj></Props></Obj>"}, new String[] {"<S>", "</S>"},
            new String[] {"<Obj RefId=\"0\"><MS>", "</MS></Obj>"}, new String[] {"<a>", "</a>"});
    public static final List<String[]> INI_NESTS = List.of(new String[] {"[", "]"}, new String[] {"{'a': ", "}"},
            new String[] {"(", ")"});

    public static final List<String> YAML = concat(COMMON, List.of(": ", ":", "- ", "-", "? ", "{", "}", "[", "]", ",",
            "&a ", "*a", "&a [1, 2]", "<<: *a\n", "!!binary ", "!!str ", "!!int ", "!!python/object:x ", "!!java.io.File ",
            "!vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n", "!vault ", "!unsafe ", "!x ", "|", ">", "|-\n", "%YAML 1.1\n",
            "%TAG ! tag:x,2000:\n", "---\n", "...\n", "@", "`", "*", "&", "!", "%", "  ", "    ", "\n  - ", "\nx: y\n",
            "key: [a, {b: c}]\n", "2026-11-26T09:00:00Z", "12:30:00", "0o777", ".inf", "-.nan", "yes", "on"));

    public static final List<String> INI = concat(COMMON, List.of("[", "]", "[g]\n", "[g:children]\n", "[g:vars]\n", "[:vars]\n",
            "[g:x]\n", "=", "==", " = ", "a=b", "ansible_port=x", "ansible_port=99999", "ansible_host=", "h[1:3]", "h[a:c]",
            "h[1:0]", "h[01:10:0]", "h[1:99999999]", "[", ";", "'unclosed", "\"unclosed", "x='a b'", "{'a': [1, 2}",
            "[1, 2", "(", "u'x'", "0o8", "0b2", "1j", "True", "None", "ansible_winrm_transport=ntlm", "\n[all:vars]\n"));

    public static final List<String> JSON = concat(COMMON, List.of("{", "}", "[", "]", ",", ":", "\"\"", "\"x\"", "{}", "[]",
            "\"\\u0000\"", "\"\\uD800\"", "\\/Date(1700000000000)\\/", "\"\\/Date(-99999999999999999)\\/\"",
            "\"2026-13-45T99:99:99Z\"", "\"9999-12-31T23:59:59Z\"", "\"+999999999-12-31T23:59:59Z\"", "1.5e308", "-1e400",
            "\"format_version\": 99,", "\"format_version\": \"1\",", "\"hosts\": [],", "\"server\": 1,",
            "\"thumbprint\": \"zz\",", "\"certificates\": {},", "\"current_thumbprint\": 7,", "/* c */", "//",
            "\"" + "F".repeat(40) + "\""));

    public static final List<String> XML = concat(COMMON, List.of("<", ">", "/>", "</", "<Obj>", "</Obj>", "<Obj RefId=\"0\">",
            "<TN RefId=\"0\"><T>x</T></TN>", "<TNRef RefId=\"9\" />", "<Ref N=\"x\" RefId=\"0\" />", "<Props>", "</Props>",
            "<S>", "</S>", "<S N=\"Thumbprint\">zz</S>", "<I32 N=\"PublicKeySize\">x</I32>", "<I32>99999999999</I32>",
            "<DT N=\"NotAfter\">2026-99-99</DT>", "<DT>x</DT>", "<BA N=\"RawData\">AAA=A</BA>", "<BA N=\"RawData\">MIIB</BA>",
            "<BA N=\"RawData\">====</BA>", "<C>99999999</C>", "<C>-1</C>", "<U64>-1</U64>", "<D>1e99999999999</D>",
            "<Db>x</Db>", "<B>maybe</B>", "<Nil />", "<LST>", "</LST>", "<DCT><En><S N=\"Key\">k</S></En></DCT>",
            "<MS>", "</MS>", "<ToString>", "</ToString>", "&amp;", "&lt;", "&#0;", "&#xD800;", "&#x1F600;", "&e;",
            "<![CDATA[x]]>", "<!-- c -->", "<?pi x?>", "<!DOCTYPE Objs [<!ENTITY e \"x\">]>", "<?xml version=\"1.1\"?>",
            "_x000D_", "_xD800_", "_x00", "_xZZZZ_", "xmlns=\"x\"", "N=\"\"", "RefId=\"\"", "=\"", "\"",
            "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">", "</Objs>"));

    private Mutations() {
    }

    public enum Kind { FLIP, INSERT, DELETE, TRUNCATE, DUPLICATE_LINE, SWAP_LINES, DELETE_LINE, INDENT, DEEP, HUGE }

    /** One edit; {@code at} and {@code other} are taken modulo the text's length (or line count). */
    public record Edit(Kind kind, int at, int other, String token) {

        String apply(String s, List<String[]> nests) {
            String[] nest = nests.get(Math.floorMod(other / 7, nests.size()));
            String open = nest[0];
            String close = nest[1];
            int n = s.length();
            int i = n == 0 ? 0 : Math.floorMod(at, n + 1);
            return switch (kind) {
                case FLIP -> n == 0 ? token : s.substring(0, Math.min(i, n - 1)) + token + s.substring(Math.min(i, n - 1) + 1);
                case INSERT -> s.substring(0, i) + token + s.substring(i);
                case DELETE -> s.substring(0, i) + s.substring(Math.min(n, i + 1 + Math.floorMod(other, 64)));
                case TRUNCATE -> s.substring(0, i);
                case DUPLICATE_LINE, SWAP_LINES, DELETE_LINE, INDENT -> lines(s);
                case DEEP -> s.substring(0, i) + open.repeat(depth()) + close.repeat(Math.floorMod(other, 2) == 0 ? depth() : 0)
                        + s.substring(i);
                case HUGE -> s.substring(0, i) + token.repeat(Math.max(1, 200_000 / Math.max(1, token.length()))) + s.substring(i);
            };
        }

        /** Mostly a few thousand levels; one in seven far more, past any recursion's stack. */
        private int depth() {
            return Math.floorMod(other, 7) == 0 ? 60_000 : 10 + Math.floorMod(other, 3000);
        }

        private String lines(String s) {
            List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
            int a = Math.floorMod(at, lines.size());
            int b = Math.floorMod(other, lines.size());
            switch (kind) {
                case DUPLICATE_LINE -> lines.add(b, lines.get(a));
                case SWAP_LINES -> {
                    String t = lines.get(a);
                    lines.set(a, lines.get(b));
                    lines.set(b, t);
                }
                case DELETE_LINE -> lines.remove(a);
                default -> lines.set(a, Math.floorMod(other, 2) == 0 ? " ".repeat(1 + Math.floorMod(other, 7)) + lines.get(a)
                        : lines.get(a).stripLeading());
            }
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return kind + "@" + at + "/" + other + (kind == Kind.FLIP || kind == Kind.INSERT || kind == Kind.HUGE
                    ? "(" + printable(token) + ")" : "");
        }
    }

    /** A seed with its edits applied. */
    public record Mutant(String seed, List<Edit> edits, String text) {
        @Override
        public String toString() {
            return seed + " " + edits + " (" + text.length() + " chars)";
        }
    }

    /** A named seed text. */
    public record Seed(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Seeds damaged by one to five edits with tokens of the format; each of {@code nests} is an opening and
     * a closing text that nest one level.
     */
    public static Arbitrary<Mutant> mutants(List<Seed> seeds, List<String> tokens, List<String[]> nests) {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, Arbitraries.of(Kind.FLIP)), net.jqwik.api.Tuple.of(6, Arbitraries.of(Kind.INSERT)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.of(Kind.DELETE)), net.jqwik.api.Tuple.of(2, Arbitraries.of(Kind.TRUNCATE)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.of(Kind.DUPLICATE_LINE)), net.jqwik.api.Tuple.of(2, Arbitraries.of(Kind.SWAP_LINES)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.of(Kind.DELETE_LINE)), net.jqwik.api.Tuple.of(2, Arbitraries.of(Kind.INDENT)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(Kind.DEEP)), net.jqwik.api.Tuple.of(1, Arbitraries.of(Kind.HUGE))),
                Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.of(tokens)).as(Edit::new);
        return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(5))
                .as((seed, edits) -> {
                    String text = seed.text();
                    for (Edit e : edits) {
                        text = e.apply(text, nests);
                    }
                    return new Mutant(seed.name(), edits, text);
                });
    }

    /** Any Unicode text, unpaired surrogates and control characters included. */
    public static Arbitrary<String> unicode() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(400),
                Arbitraries.strings().withChars(":-[]{}&*!|>'\"#%@`,?= \t\n\r\0<>/_x0AZaz9\uFEFF").ofMaxLength(400));
    }

    /** Any bytes, as read from a file that is not UTF-8 text or not text at all. */
    public static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }

    public static String printable(String s) {
        String t = s.length() > 24 ? s.substring(0, 24) + "...(" + s.length() + ")" : s;
        return t.chars().mapToObj(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate((char) c)
                || c == 0xFEFF || c == 0x2028 ? String.format("\\u%04X", c) : String.valueOf((char) c))
                .collect(Collectors.joining());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
