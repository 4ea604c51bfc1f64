package io.authcert.inventory;

import io.authcert.diag.Diagnostics;

/** Reads Ansible's INI inventory format. */
final class IniInventoryParser {
    private final String file;
    private final InventoryData data;
    private final Diagnostics diagnostics;

    IniInventoryParser(String file, InventoryData data, Diagnostics diagnostics) {
        this.file = file;
        this.data = data;
        this.diagnostics = diagnostics;
    }

    void parse(String text) {
        diagnostics.error(io.authcert.diag.SourceLocation.ofFile(file), "INI inventories are not read yet", null);
    }
}
