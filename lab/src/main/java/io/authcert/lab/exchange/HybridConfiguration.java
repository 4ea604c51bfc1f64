package io.authcert.lab.exchange;

import java.util.List;

/** What Get-HybridConfiguration returns in a hybrid organisation (absent otherwise). */
public record HybridConfiguration(String name, List<String> domains, List<String> features, String onPremisesSmartHost) {
}
