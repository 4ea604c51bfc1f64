package io.authcert.playbook.modules;

/** {@code service_restart}: restart a Windows service (normally a handler: MSExchangeServiceHost). */
public record ServiceRestartSpec(String name) implements ModuleSpec {

    public static final String MODULE = "service_restart";

    @Override
    public String moduleName() {
        return MODULE;
    }
}
