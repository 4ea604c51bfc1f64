package io.authcert.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files the repository ships (playbooks/, docs/, inventory/), found from any module's tests: Maven
 * passes the root as {@code authcert.repo}; an IDE that does not is served by walking up to the
 * folder that holds the reactor's modules.
 */
public final class RepoFiles {

    private RepoFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("authcert.repo");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("core")) && Files.isDirectory(d.resolve("lab")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository's root above " + Path.of("").toAbsolutePath()
                + "; set -Dauthcert.repo=PATH");
    }

    /** A path relative to the repository's root. */
    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
