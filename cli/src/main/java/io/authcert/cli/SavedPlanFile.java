package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a plan that {@code engine plan --out} saved, for {@code apply} and {@code show} alike. */
final class SavedPlanFile {

    private SavedPlanFile() {
    }

    static Plan read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw InputException.of(SourceLocation.ofFile(file.toString()), "is a directory, not a saved plan",
                    "name the plan file that 'engine plan ... --out PLAN.json' wrote");
        }
        return PlanJson.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }
}
