package io.authcert.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engine vault}: ansible-vault's verbs, reading and writing exactly what ansible-vault reads and writes. */
@Command(
        name = "vault",
        mixinStandardHelpOptions = true,
        description = {
            "Encrypts and decrypts ansible-vault data (format 1.1, and 1.2 with a vault id label), compatible with"
                    + " ansible-vault both ways: a file one of them encrypts, the other decrypts.",
        },
        subcommands = {
            VaultEncryptCommand.class,
            VaultDecryptCommand.class,
            VaultViewCommand.class,
            VaultEditCommand.class,
            VaultEncryptStringCommand.class,
            VaultRekeyCommand.class,
        },
        footer = {
            "",
            "Passwords: --vault-password-file FILE, --vault-id LABEL@FILE or LABEL@prompt (repeatable, tried in order),",
            "then $ANSIBLE_VAULT_PASSWORD_FILE. An executable password file is run (no shell, 60 s timeout) and its",
            "output is the password, as in Ansible.",
            "",
            "Examples:",
            "  engine vault encrypt --vault-password-file ~/.vault-pass inventory/production/group_vars/all/vault.yml",
            "  engine vault encrypt_string --vault-id prod@~/.vault-prod --name ansible_password 'S3cret!'",
            "  engine vault view --vault-id prod@prompt group_vars/all/vault.yml",
            "  engine vault decrypt --vault-password-file ~/.vault-pass --output - vault.yml",
            "  engine vault rekey --vault-password-file old-pass --new-vault-id prod@new-pass vault.yml",
            "",
            "Exit codes: 0 done, 1 an error (nothing was written for the file that failed).",
        })
public final class VaultCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
