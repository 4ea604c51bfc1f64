package io.authcert.playbook.modules;

/**
 * {@code exchange_backend_binding}: the "Exchange Back End" site's HTTPS binding uses a certificate
 * present on that server and valid for at least {@code minDaysValid} days, chosen by friendly name or
 * subject (both null: the Exchange self-signed certificate, "Microsoft Exchange").
 */
public record BackendBindingSpec(String site, int port, String friendlyName, String subject, int minDaysValid)
        implements ModuleSpec {

    public static final String MODULE = "exchange_backend_binding";
    public static final String DEFAULT_SITE = "Exchange Back End";
    public static final int DEFAULT_PORT = 444;
    public static final int DEFAULT_MIN_DAYS_VALID = 30;

    /** The standard desired state: the back-end site's port 444 uses the Exchange self-signed certificate. */
    public static BackendBindingSpec defaults() {
        return new BackendBindingSpec(DEFAULT_SITE, DEFAULT_PORT, null, null, DEFAULT_MIN_DAYS_VALID);
    }

    @Override
    public String moduleName() {
        return MODULE;
    }
}
