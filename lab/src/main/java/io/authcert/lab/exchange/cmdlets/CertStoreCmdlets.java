package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The certificate provider's {@code Cert:\LocalMachine\My\<thumbprint>}: the server's own store, as Get-Item shows it. */
final class CertStoreCmdlets {

    private static final Pattern MY = Pattern.compile("(?i)cert:\\\\LocalMachine\\\\My\\\\([0-9A-F]{40})");

    private CertStoreCmdlets() {
    }

    static final class GetItem extends LabCmdlet {
        GetItem(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-Item";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Path", PsType.STRING_ARRAY).position(0).pipelineByPropertyName(),
                    Parameter.named("LiteralPath", PsType.STRING_ARRAY));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            ExchangeServer local = shell.localServer();
            List<Object> paths = invocation.parameters().has("LiteralPath") ? invocation.parameters().list("LiteralPath")
                    : invocation.parameters().list("Path");
            for (Object item : paths) {
                String path = String.valueOf(item);
                Matcher m = MY.matcher(path);
                Optional<ExchangeCertificate> c = m.matches()
                        ? org.certificateOn(local, m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
                if (c.isEmpty()) {
                    invocation.writeError(IisCmdlets.noPath(path).record());
                    continue;
                }
                invocation.write(new PsObject("System.Security.Cryptography.X509Certificates.X509Certificate2")
                        .set("Thumbprint", c.get().thumbprint())
                        .set("Subject", c.get().subject())
                        .set("FriendlyName", c.get().friendlyName())
                        .set("HasPrivateKey", c.get().hasPrivateKey())
                        .set("NotBefore", ExchangeObjects.local(c.get().notBefore(), local))
                        .set("NotAfter", ExchangeObjects.local(c.get().notAfter(), local))
                        .set("PSPath", "Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\\" + c.get().thumbprint())
                        .withDefaultDisplay("Thumbprint", "Subject"));
            }
        }
    }
}
