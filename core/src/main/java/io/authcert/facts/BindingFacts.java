package io.authcert.facts;

/** The HTTPS binding of an IIS site ("Exchange Back End", port 444) and the certificate it uses. */
public record BindingFacts(String site, int port, String thumbprint) {
}
