package io.authcert.playbook.modules;

/** The typed, validated arguments of one task's module. */
public sealed interface ModuleSpec
        permits AuthCertificateSpec, BackendBindingSpec, ServiceRestartSpec, AppPoolRecycleSpec {

    /** The module's name as written in a playbook. */
    String moduleName();
}
