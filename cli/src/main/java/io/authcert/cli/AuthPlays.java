package io.authcert.cli;

import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.Play;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.BackendBindingSpec;
import java.util.ArrayList;
import java.util.List;

/** Finds the plays a plan can cover: those with an Auth-certificate or back end binding task (plan and apply take one). */
final class AuthPlays {

    private AuthPlays() {
    }

    /** The indexes, in playbook order, of the plays with an exchange_auth_certificate or exchange_backend_binding task. */
    static List<Integer> indexes(LoadedPlaybook loaded) {
        List<Play> plays = loaded.playbook().plays();
        List<Integer> relevant = new ArrayList<>();
        for (int i = 0; i < plays.size(); i++) {
            if (plays.get(i).tasks().stream().anyMatch(t -> t.spec() instanceof AuthCertificateSpec
                    || t.spec() instanceof BackendBindingSpec)) {
                relevant.add(i);
            }
        }
        return relevant;
    }
}
