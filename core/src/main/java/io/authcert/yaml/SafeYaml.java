package io.authcert.yaml;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads user YAML safely: composes node trees (never constructs arbitrary objects), with limits on
 * aliases (a billion-laughs file fails fast), nesting depth and size, and duplicate keys as errors.
 * Every failure becomes an {@link InputException} with file, line and column.
 */
public final class SafeYaml {

    /** Aliases allowed per document; real inventories and playbooks use few or none. */
    public static final int MAX_ALIASES = 50;
    /** Nesting depth allowed; an Auth-certificate playbook is a handful of levels deep. */
    public static final int MAX_DEPTH = 64;
    /** Document size allowed, in code points (4 MiB). */
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    private SafeYaml() {
    }

    /** Composes every document of a file into node trees (marks give line and column). */
    public static List<Node> composeAll(Path file) {
        String text;
        try {
            if (!Files.exists(file)) {
                throw InputException.of(SourceLocation.ofFile(file.toString()), "file not found",
                        "check the path (relative paths start from the current directory)");
            }
            if (Files.size(file) > MAX_CODE_POINTS) {
                throw InputException.of(SourceLocation.ofFile(file.toString()),
                        "file is larger than " + (MAX_CODE_POINTS / (1024 * 1024)) + " MiB",
                        "authcert reads inventories and playbooks of ordinary size; check that this is the file you meant");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw io.authcert.diag.ReadFailure.exception(file, "YAML file", e);
        }
        return composeAll(file.toString(), text);
    }

    /** Composes every document of {@code text}; {@code name} is used in messages. */
    public static List<Node> composeAll(String name, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Yaml yaml = new Yaml(options());
        List<Node> out = new ArrayList<>();
        Diagnostics duplicates = new Diagnostics();
        try (Reader reader = new StringReader(text)) {
            for (Node node : yaml.composeAll(reader)) {
                if (node != null) {
                    AliasExpansion.check(name, node);
                    DuplicateKeys.check(name, node, duplicates);
                    out.add(node);
                }
            }
        } catch (MarkedYAMLException e) {
            throw InputException.of(location(name, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()),
                    describe(e), hintFor(e));
        } catch (YAMLException e) {
            if (String.valueOf(e.getMessage()).contains("Number of aliases")) {
                throw InputException.of(location(name, aliasOverLimit(text)), "too many aliases", hintFor(e));
            }
            if (String.valueOf(e.getMessage()).contains("Nesting Depth")) {
                throw InputException.of(location(name, tooDeep(text)), "nested too deeply", hintFor(e));
            }
            throw InputException.of(SourceLocation.ofFile(name), "invalid YAML: " + firstLine(e.getMessage()), hintFor(e));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        duplicates.throwIfErrors();
        return out;
    }

    /**
     * Where the first alias beyond the limit is written: SnakeYAML's own alias error has no position.
     * Only aliases of lists and mappings count, as in SnakeYAML.
     */
    private static Mark aliasOverLimit(String text) {
        java.util.Set<String> collections = new java.util.HashSet<>();
        int count = 0;
        try {
            for (org.yaml.snakeyaml.events.Event event : new Yaml(options()).parse(new StringReader(text))) {
                if (event instanceof org.yaml.snakeyaml.events.CollectionStartEvent start && start.getAnchor() != null) {
                    collections.add(start.getAnchor());
                } else if (event instanceof org.yaml.snakeyaml.events.AliasEvent alias && collections.contains(alias.getAnchor())
                        && ++count > MAX_ALIASES) {
                    return alias.getStartMark();
                }
            }
        } catch (YAMLException e) {
            return null;
        }
        return null;
    }

    /** Where the first list or mapping beyond the nesting limit starts: SnakeYAML's own error has no position. */
    private static Mark tooDeep(String text) {
        int depth = 0;
        try {
            for (org.yaml.snakeyaml.events.Event event : new Yaml(options()).parse(new StringReader(text))) {
                if (event instanceof org.yaml.snakeyaml.events.CollectionStartEvent && ++depth > MAX_DEPTH) {
                    return event.getStartMark();
                } else if (event instanceof org.yaml.snakeyaml.events.CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (YAMLException e) {
            return null;
        }
        return null;
    }

    /** Composes a file that must hold exactly one document; null when the file is empty. */
    public static Node compose(Path file) {
        List<Node> docs = composeAll(file);
        if (docs.size() > 1) {
            throw InputException.of(location(file.toString(), docs.get(1).getStartMark()),
                    "more than one YAML document in this file", "keep one document per file (remove the extra '---')");
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    /** The location of a node, for diagnostics. */
    public static SourceLocation location(String file, Node node) {
        return location(file, node.getStartMark());
    }

    public static SourceLocation location(String file, Mark mark) {
        if (mark == null) {
            return SourceLocation.ofFile(file);
        }
        return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setProcessComments(false);
        return options;
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        if (problem.contains("found duplicate key")) {
            return "duplicate key" + problem.substring(problem.indexOf("found duplicate key") + "found duplicate key".length());
        }
        if (problem.contains("\\t(TAB)")) {
            return "invalid YAML: a tab character where YAML expects spaces";
        }
        if (problem.startsWith("Global tag is not allowed")) {
            return "invalid YAML: the tag " + problem.substring(problem.indexOf(':') + 1).strip().replace("tag:yaml.org,2002:", "!!")
                    + " is not allowed";
        }
        String context = e.getContext();
        return "invalid YAML: " + (context == null ? "" : context + ", ") + problem;
    }

    private static String hintFor(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Number of aliases")) {
            return "this file uses more than " + MAX_ALIASES + " aliases (a 'billion laughs' file?); write the values out";
        }
        if (message.contains("duplicate key")) {
            return "each key may appear once in a mapping; remove or rename one of them";
        }
        if (message.contains("Nesting Depth")) {
            return "this file nests deeper than " + MAX_DEPTH + " levels; flatten it";
        }
        if (message.contains("code point")) {
            return "the document is larger than authcert accepts";
        }
        if (message.contains("(TAB)")) {
            return "YAML indents with spaces only: replace the tab with spaces";
        }
        if (message.contains("Global tag is not allowed")) {
            return "authcert never constructs objects from YAML tags (!!java..., !!python/...); write the plain value";
        }
        return "check indentation and quoting at this position";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
