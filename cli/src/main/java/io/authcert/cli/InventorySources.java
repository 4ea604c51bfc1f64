package io.authcert.cli;

import io.authcert.diag.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Where an inventory-wide problem is: the {@code -i} sources, so a message says which inventory it means. */
final class InventorySources {

    private InventorySources() {
    }

    /** The location naming every {@code -i} source (a problem about the whole inventory has no line). */
    static SourceLocation location(List<Path> inventories) {
        return SourceLocation.ofFile(inventories.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
}
