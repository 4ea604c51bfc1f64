package io.authcert.transport.winrm.kerberos;

import io.authcert.vault.Secret;
import java.nio.file.Path;

/**
 * Where a Kerberos logon gets its key from, as Ansible's kinit modes and MIT's environment say: the
 * inventory's password (managed), or the user's own ticket cache or client keytab (manual).
 */
sealed interface CredentialSource {

    /** For messages: what was used, never its content. */
    String describe();

    /** For a refusal: what the KDC refused. */
    String secretName();

    /** For a refusal: what to change. */
    String fixForRefusal();

    /** Managed mode: a fresh TGT from the password, kept in memory only (no ticket cache is written). */
    record Password(String principal, Secret password) implements CredentialSource {
        @Override
        public String describe() {
            return "the inventory's password";
        }

        @Override
        public String secretName() {
            return "the password";
        }

        @Override
        public String fixForRefusal() {
            return "check ansible_password (or the vault it comes from)";
        }
    }

    /** Manual mode: the TGT kinit left in a FILE ccache ({@code KRB5CCNAME}, else /tmp/krb5cc_UID). */
    record TicketCache(Path file) implements CredentialSource {
        @Override
        public String describe() {
            return "the ticket cache " + file;
        }

        @Override
        public String secretName() {
            return "the ticket in " + file;
        }

        @Override
        public String fixForRefusal() {
            return "run kinit again";
        }
    }

    /** Manual mode: the keys of a client keytab ({@code KRB5_CLIENT_KTNAME}), for unattended runs. */
    record ClientKeytab(Path file, String principal) implements CredentialSource {
        @Override
        public String describe() {
            return "the client keytab " + file;
        }

        @Override
        public String secretName() {
            return "the keys in the client keytab " + file;
        }

        @Override
        public String fixForRefusal() {
            return "export the keytab again (its key version may be older than the account's password)";
        }
    }
}
