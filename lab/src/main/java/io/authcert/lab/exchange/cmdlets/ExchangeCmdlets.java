package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.CmdletRegistry;

/** Registers the lab's server-side cmdlets (Exchange snap-in, PKI, services, processes, IIS) for one organisation. */
public final class ExchangeCmdlets {

    private ExchangeCmdlets() {
    }

    /** A registry with the interpreter's built-ins plus every cmdlet of a simulated Exchange server of {@code org}. */
    public static CmdletRegistry registryFor(Organisation org) {
        CmdletRegistry r = CmdletRegistry.withBuiltins();
        String snapIn = CmdletRegistry.EXCHANGE_SNAPIN;
        r.register(snapIn, new AuthConfigCmdlets.GetAuthConfig(org));
        r.register(snapIn, new AuthConfigCmdlets.SetAuthConfig(org));
        r.register(snapIn, new CertificateCmdlets.GetExchangeCertificate(org));
        r.register(snapIn, new CertificateCmdlets.NewExchangeCertificate(org));
        r.register(snapIn, new CertificateCmdlets.ExportExchangeCertificate(org));
        r.register(snapIn, new CertificateCmdlets.ImportExchangeCertificate(org));
        r.register(snapIn, new CertificateCmdlets.RemoveExchangeCertificate(org));
        r.register(snapIn, new CertificateCmdlets.EnableExchangeCertificate(org));
        r.register(snapIn, new ServerCmdlets.GetExchangeServer(org));
        r.register(snapIn, new ServerCmdlets.GetHybridConfiguration(org));
        r.register(snapIn, new ServerCmdlets.GetTransportService(org));
        r.register(new CertStoreCmdlets.GetItem(org));
        r.register(snapIn, new DiagnosticsCmdlets.GetExchangeDiagnosticInfo(org));
        r.register(new DiagnosticsCmdlets.GetWinEvent(org));
        r.register(new PkiCmdlets.NewSelfSignedCertificate(org));
        r.register(new WindowsCmdlets.GetService(org));
        r.register(new WindowsCmdlets.RestartService(org));
        r.register(new WindowsCmdlets.GetCimInstance(org));
        r.register(new WindowsCmdlets.GetProcess(org));
        r.register(new IisCmdlets.GetWebAppPoolState(org));
        r.register(new IisCmdlets.RestartWebAppPool(org));
        r.register(new IisCmdlets.GetChildItem(org));
        r.register(new IisCmdlets.GetWebBinding(org));
        return r;
    }
}
