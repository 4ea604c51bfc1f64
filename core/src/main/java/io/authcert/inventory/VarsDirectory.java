package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code group_vars/} or {@code host_vars/} directory beside one inventory source, as Ansible's
 * host_group_vars plugin reads it: for a name, the first of {@code NAME}, {@code NAME.yml},
 * {@code NAME.yaml}, {@code NAME.json} that exists; a directory is read file by file in name order.
 */
final class VarsDirectory {

    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    private final Path dir;
    private final Map<String, List<VarsLayer>> byName = new LinkedHashMap<>();

    private VarsDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Reads the files for the given names (groups or hosts that exist); warns about files that match no
     * name, since Ansible would silently ignore them.
     */
    static VarsDirectory read(Path dir, Collection<String> names, String kind, VarsFileReader reader, Diagnostics diagnostics) {
        VarsDirectory out = new VarsDirectory(dir);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (String name : names) {
            if (name.contains("/") || name.contains("\\")) {
                continue;
            }
            for (String ext : EXTENSIONS) {
                Path candidate;
                try {
                    candidate = dir.resolve(name + ext);
                } catch (java.nio.file.InvalidPathException e) {
                    break; // a name no file can have (a NUL in it, say) has no variables file
                }
                if (Files.exists(candidate)) {
                    List<VarsLayer> layers = new ArrayList<>();
                    for (Path file : files(candidate)) {
                        layers.add(reader.read(file, diagnostics));
                    }
                    out.byName.put(name, layers);
                    break;
                }
            }
        }
        warnUnmatched(dir, names, kind, diagnostics);
        return out;
    }

    /** The layers for {@code name}, in the order they apply. */
    List<VarsLayer> layers(String name) {
        return byName.getOrDefault(name, List.of());
    }

    Path dir() {
        return dir;
    }

    private static List<Path> files(Path candidate) {
        if (!Files.isDirectory(candidate)) {
            return List.of(candidate);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(candidate)) {
            for (Path p : entries.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || n.endsWith("~")) {
                    continue;
                }
                String ext = extension(n);
                if (Files.isDirectory(p) && ext.isEmpty()) {
                    out.addAll(files(p));
                } else if (Files.isRegularFile(p) && EXTENSIONS.contains(ext)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static void warnUnmatched(Path dir, Collection<String> names, String kind, Diagnostics diagnostics) {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || n.endsWith("~")) {
                    continue;
                }
                String ext = extension(n);
                if (!EXTENSIONS.contains(ext)) {
                    continue;
                }
                String name = Files.isDirectory(p) ? n : n.substring(0, n.length() - ext.length());
                if (!names.contains(name)) {
                    String hint = Suggestions.didYouMean(name, names);
                    diagnostics.warning(SourceLocation.ofFile(p.toString()),
                            "no " + kind + " named '" + name + "' in the inventory; these variables are not used",
                            hint != null ? hint : "rename the file after a " + kind + " of the inventory, or remove it");
                }
            }
        } catch (IOException e) {
            // An unreadable directory only loses the warning; the variables were read above.
        }
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot);
    }
}
