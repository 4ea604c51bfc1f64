package io.authcert.plan;

import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.powershell.PsCommand;
import io.authcert.powershell.PsScript;
import io.authcert.powershell.PsValue;

/**
 * The PowerShell of every step, built only from {@link PsScript}, {@link PsCommand} and {@link PsValue}:
 * fixed text written here, every value quoted by the builder. Each script is idempotent where the
 * step is marked retryable (it checks before it changes), and one statement per line, so it also
 * runs when fed line by line on standard input.
 */
final class AuthScripts {

    /** Which AuthConfig slot a probe expects the certificate in. */
    enum Slot { CURRENT, NEXT, ANY }

    private AuthScripts() {
    }

    /**
     * {@code $_} is the certificate {@code $thumbprint}: by its Thumbprint, or, when Exchange returned only its RawData
     * (serialization data signing, MEAC's Get-ExchangeServerCertificate), by the thumbprint of those bytes; without
     * this, a server whose certificates come back RawData-only would never be seen to hold one.
     */
    private static final String IS_THUMBPRINT = "$_.Thumbprint -eq $thumbprint -or ($null -eq $_.Thumbprint -and $null -ne $_.RawData"
            + " -and [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([byte[]]$_.RawData).Thumbprint -eq $thumbprint)";

    /** Sets {@code $thumbprint}: a literal, or the certificate this plan created, found by its unique friendly name. */
    static void assignThumbprint(PsScript script, CertificateRef ref) {
        if (ref instanceof CertificateRef.Known known) {
            script.template("$thumbprint = {}", PsValue.thumbprint(known.thumbprint()));
        } else if (ref instanceof CertificateRef.Created created) {
            PsValue server = PsValue.name(created.server());
            PsValue name = PsValue.string(created.friendlyName());
            script.template("$found = @(Get-ExchangeCertificate -Server {} | Where-Object { $_.FriendlyName -eq {} })", server, name);
            script.template("if ($found.Count -ne 1) { throw ('expected one certificate named ' + {} + ' on ' + {} + ', found ' + $found.Count) }",
                    name, server);
            script.constant("$thumbprint = $found[0].Thumbprint");
        }
    }

    /**
     * Creates the Auth certificate, as Microsoft's MonitorExchangeAuthCertificate script does: an empty
     * domain list, exportable key, {@code -Force} because nobody can answer the prompt over WinRM, and
     * then the server's internal transport (default SMTP) certificate, as Get-TransportService named it,
     * is enabled for SMTP again so the new certificate never replaces it ({@link SmtpHandover}). Creating
     * again after a lost response finds the certificate by its name instead.
     *
     * @param smtp what to do about the default SMTP certificate; null with {@code lifetime_days} (no service)
     */
    static PsScript create(AuthCertificateSpec spec, CertificateRef.Created ref, SmtpHandover smtp) {
        PsScript script = PsScript.create();
        PsValue server = PsValue.name(ref.server());
        PsValue name = PsValue.string(ref.friendlyName());
        script.template("$existing = @(Get-ExchangeCertificate -Server {} | Where-Object { $_.FriendlyName -eq {} })", server, name);
        if (spec.lifetimeDays() > 0) {
            createWithLifetime(script, spec, name);
            assignThumbprint(script, ref);
            script.constant("Write-Output ('certificate: ' + $thumbprint)");
            return script;
        }
        boolean forSmtp = smtp.kind() != SmtpHandover.Kind.NO_SERVICE;
        if (smtp.kind() == SmtpHandover.Kind.RENEW) {
            // MEAC's new internal transport certificate: named after the server, for its name and FQDN, SMTP.
            script.template("if ($existing.Count -eq 0) { $transport = New-ExchangeCertificate -Server {} -KeySize 2048"
                            + " -PrivateKeyExportable $true -FriendlyName {} -DomainName {} -IncludeServerFQDN -Services 'SMTP' -Force }",
                    server, server, server);
        }
        script.template("if ($existing.Count -eq 0) { $created = New-ExchangeCertificate -Server {} -KeySize {} -PrivateKeyExportable $true"
                        + " -SubjectName {} -FriendlyName {} -DomainName {} -Services {} -Force }",
                server, PsValue.integer(spec.keySize()), PsValue.string(spec.subject()), name,
                PsValue.strings(spec.domainNames()), PsValue.string(forSmtp ? "SMTP" : "None"));
        if (smtp.kind() == SmtpHandover.Kind.RESTORE) {
            script.template("if ($existing.Count -eq 0) { Enable-ExchangeCertificate -Server {} -Thumbprint {} -Services 'SMTP' -Force }",
                    server, PsValue.thumbprint(smtp.thumbprint()));
        } else if (smtp.kind() == SmtpHandover.Kind.RENEW) {
            script.template("if ($existing.Count -eq 0) { Enable-ExchangeCertificate -Server {} -Thumbprint $transport.Thumbprint"
                    + " -Services 'SMTP' -Force }", server);
        }
        assignThumbprint(script, ref);
        script.constant("Write-Output ('certificate: ' + $thumbprint)");
        return script;
    }

    /**
     * A certificate valid {@code lifetime_days}: New-ExchangeCertificate takes no lifetime, so it is made
     * as MEAC does for {@code -CustomCertificateLifetimeInDays} (a self-signed RSA certificate from now to
     * now + N days in LocalMachine\My, exportable, with a CryptoAPI key, "the certificate can't be used as
     * Auth Certificate otherwise"), here with Windows' New-SelfSignedCertificate. It is enabled for no
     * Exchange service, so the default SMTP certificate stays as it is. The step runs on the primary, whose
     * store this is.
     */
    private static void createWithLifetime(PsScript script, AuthCertificateSpec spec, PsValue name) {
        script.template("$notAfter = [DateTime]::UtcNow.AddDays({}).ToLocalTime()", PsValue.integer(spec.lifetimeDays()));
        String dns = spec.domainNames().isEmpty() ? "" : " -DnsName {}";
        java.util.List<PsValue> values = new java.util.ArrayList<>(java.util.List.of(PsValue.string(spec.subject()), name,
                PsValue.integer(spec.keySize())));
        if (!spec.domainNames().isEmpty()) {
            values.add(PsValue.strings(spec.domainNames()));
        }
        script.template("if ($existing.Count -eq 0) { $created = New-SelfSignedCertificate -Subject {} -FriendlyName {}"
                + " -NotAfter $notAfter -KeyAlgorithm 'RSA' -KeyLength {} -KeyExportPolicy 'Exportable' -KeySpec 'KeyExchange'"
                + " -Provider 'Microsoft Enhanced RSA and AES Cryptographic Provider' -CertStoreLocation 'Cert:\\LocalMachine\\My'"
                + dns + " }", values.toArray(PsValue[]::new));
    }

    /**
     * Names the certificate as the next one, effective {@code days} days after the step runs (0: now).
     * The date is taken on the server on the line before the call: Set-AuthConfig refuses a date before
     * its current time (CSS-Exchange PR #1888 moved Get-Date there for this). It is counted in UTC, so
     * {@code days} are whole 24-hour days across a daylight-saving change, and handed over as a local
     * DateTime, the kind Microsoft's examples pass ({@code (Get-Date).AddHours(49)}); either kind names
     * the same instant in any time zone.
     */
    static PsScript stage(CertificateRef ref, int days) {
        PsScript script = PsScript.create();
        assignThumbprint(script, ref);
        script.template("$effective = [DateTime]::UtcNow.AddDays({}).ToLocalTime()", PsValue.integer(days));
        script.command(PsCommand.of("Set-AuthConfig").param("NewCertificateThumbprint", PsValue.variable("thumbprint"))
                .param("NewCertificateEffectiveDate", PsValue.variable("effective")).flag("Force"));
        script.constant("Write-Output ('next: ' + $thumbprint + ' effective ' + $effective.ToString('o'))");
        return script;
    }

    /** Publishes the next certificate, only while AuthConfig still names it as next (so a rerun is harmless). */
    static PsScript publish(CertificateRef ref) {
        PsScript script = PsScript.create();
        assignThumbprint(script, ref);
        script.constant("$auth = Get-AuthConfig");
        script.constant("if ($auth.NextCertificateThumbprint -eq $thumbprint) { Set-AuthConfig -PublishCertificate }");
        script.constant("Write-Output ('current: ' + (Get-AuthConfig).CurrentCertificateThumbprint)");
        return script;
    }

    static PsScript clearPrevious() {
        PsScript script = PsScript.create();
        script.constant("$auth = Get-AuthConfig");
        script.constant("if (-not [string]::IsNullOrEmpty($auth.PreviousCertificateThumbprint)) { Set-AuthConfig -ClearPreviousCertificate }");
        script.constant("Write-Output 'previous: cleared'");
        return script;
    }

    /**
     * Copies the certificate from a server that has it: export and import with a one-time random
     * password made on this server, so the password never leaves its memory (nor reaches the plan).
     */
    static PsScript importFrom(CertificateRef ref, String fromServer, String toServer) {
        PsScript script = PsScript.create();
        assignThumbprint(script, ref);
        PsValue to = PsValue.name(toServer);
        script.template("$present = @(Get-ExchangeCertificate -Server {} | Where-Object { " + IS_THUMBPRINT + " })", to);
        // Two random GUIDs (Windows makes them from its cryptographic generator: 244 random bits)
        // protect the exported key for the few moments it exists; nothing else ever sees them.
        script.constant("$password = ConvertTo-SecureString -String ([System.Guid]::NewGuid().ToString() + [System.Guid]::NewGuid().ToString())"
                + " -AsPlainText -Force");
        script.template("if ($present.Count -eq 0) { $data = (Export-ExchangeCertificate -Server {} -Thumbprint $thumbprint -BinaryEncoded"
                + " -Password $password).FileData }", PsValue.name(fromServer));
        script.template("if ($present.Count -eq 0) { Import-ExchangeCertificate -Server {} -FileData $data -Password $password"
                + " -PrivateKeyExportable $true | Out-Null }", to);
        script.constant("Write-Output ('imported: ' + $thumbprint)");
        return script;
    }

    /**
     * A probe that changes nothing: {@code ready} when this server holds the certificate and its
     * AuthConfig (after AD replication) names it in the expected slot, else {@code pending: ...}.
     */
    static PsScript waitFor(CertificateRef ref, String server, Slot slot) {
        PsScript script = PsScript.create();
        assignThumbprint(script, ref);
        PsValue s = PsValue.name(server);
        script.constant("$auth = Get-AuthConfig");
        script.template("$present = @(Get-ExchangeCertificate -Server {} | Where-Object { " + IS_THUMBPRINT + " })", s);
        String slotCheck = switch (slot) {
            case CURRENT -> "$auth.CurrentCertificateThumbprint -ne $thumbprint";
            case NEXT -> "$auth.NextCertificateThumbprint -ne $thumbprint";
            case ANY -> "$false";
        };
        String slotName = slot.name().toLowerCase(java.util.Locale.ROOT);
        script.template("if ($present.Count -eq 0) { Write-Output ('pending: certificate ' + $thumbprint + ' is not in the store of ' + {}) }"
                + " elseif (" + slotCheck + ") { Write-Output ('pending: AuthConfig on ' + {} + ' does not name ' + $thumbprint + ' as "
                + slotName + " yet') } else { Write-Output 'ready' }", s, s);
        return script;
    }

    static PsScript restartService(String service) {
        return PsScript.create().command(PsCommand.of("Restart-Service").param("Name", PsValue.name(service)));
    }

    static PsScript recycleAppPool(String pool) {
        return PsScript.create()
                .command(PsCommand.of("Restart-WebAppPool").param("Name", PsValue.name(pool)));
    }

    /** Points the site's HTTPS binding at the certificate, as IIS Manager's "Edit binding" does. */
    static PsScript bindBackend(String site, int port, String thumbprint) {
        return PsScript.create()
                .template("$binding = Get-WebBinding -Name {} -Protocol 'https' -Port {}", PsValue.name(site), PsValue.integer(port))
                .template("$binding.AddSslCertificate({}, 'My')", PsValue.thumbprint(thumbprint));
    }
}
