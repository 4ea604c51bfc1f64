package io.authcert.playbook;

import java.util.List;

/** A validated playbook: its plays in file order. */
public record Playbook(String file, List<Play> plays) {

    public Playbook {
        plays = List.copyOf(plays);
    }
}
