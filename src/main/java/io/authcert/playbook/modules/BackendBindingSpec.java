package io.authcert.playbook.modules;

/**
 * {@code exchange_backend_binding}: the "Exchange Back End" site's HTTPS binding uses a certificate
 * present on that server and valid for at least {@code minDaysValid} days, chosen by friendly name or
 * subject (both null: the Exchange self-signed certificate, "Microsoft Exchange").
 */
public record BackendBindingSpec(String site, int port, String friendlyName, String subject, int minDaysValid)
        implements ModuleSpec {

    public static final String MODULE = "exchange_backend_binding";

    @Override
    public String moduleName() {
        return MODULE;
    }
}
