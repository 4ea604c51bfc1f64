package io.authcert.playbook.modules;

/** {@code app_pool_recycle}: restart an IIS application pool (normally a handler: the OWA and ECP pools). */
public record AppPoolRecycleSpec(String name) implements ModuleSpec {

    public static final String MODULE = "app_pool_recycle";

    @Override
    public String moduleName() {
        return MODULE;
    }
}
