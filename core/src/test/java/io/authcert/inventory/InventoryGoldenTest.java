package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.vault.VaultSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our {@code --list} and {@code --graph} against what the real ansible-inventory printed for the same
 * inventories (golden files made by {@code regen.sh} beside them). JSON is compared as trees, so key
 * order does not matter but every group, host, child and host variable does.
 */
class InventoryGoldenTest {

    static final Path DIR = Path.of("core/src/test/resources/io/authcert/inventory");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "yaml-nested   | yaml-nested",
        "ini-basic     | ini-basic/hosts.ini",
        "dir-inventory | dir-inventory",
        "multiple      | dir-inventory, second/hosts",
    })
    void listMatchesAnsibleInventory(String golden, String sources) throws IOException {
        Inventory inventory = load(sources);

        JsonNode ours = JSON.valueToTree(InventoryListing.list(inventory, null));
        JsonNode ansible = JSON.readTree(DIR.resolve(golden + ".list.json").toFile());

        assertThat(ours).isEqualTo(ansible);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "yaml-nested   | yaml-nested",
        "ini-basic     | ini-basic/hosts.ini",
        "dir-inventory | dir-inventory",
        "multiple      | dir-inventory, second/hosts",
    })
    void graphMatchesAnsibleInventory(String golden, String sources) throws IOException {
        Inventory inventory = load(sources);

        List<String> ansible = Files.readAllLines(DIR.resolve(golden + ".graph.txt"), StandardCharsets.UTF_8);

        assertThat(InventoryListing.graph(inventory, "all")).containsExactlyElementsOf(ansible);
    }

    @org.junit.jupiter.api.Test
    void graphWithVarsMatchesAnsibleInventory() throws IOException {
        Inventory inventory = load("yaml-nested");

        List<String> ansible = Files.readAllLines(DIR.resolve("yaml-nested.graph-vars.txt"), StandardCharsets.UTF_8);

        assertThat(InventoryListing.graphWithVars(inventory, "all")).containsExactlyElementsOf(ansible);
    }

    static Inventory load(String sources) {
        List<Path> paths = Arrays.stream(sources.split(",")).map(String::strip).map(DIR::resolve).toList();
        return new InventoryLoader().load(paths, VaultSecrets.none());
    }
}
