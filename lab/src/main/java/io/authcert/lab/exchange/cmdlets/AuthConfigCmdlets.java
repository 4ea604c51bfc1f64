package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.ExchangeShell.SetAuthConfigRequest;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsDateTime;
import io.authcert.lab.pwsh.PsType;
import java.util.List;

/** Get-AuthConfig and Set-AuthConfig (all four parameter sets). */
final class AuthConfigCmdlets {

    private AuthConfigCmdlets() {
    }

    static final class GetAuthConfig extends LabCmdlet {
        GetAuthConfig(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-AuthConfig";
        }

        @Override
        public String typeName() {
            return exchangeType(name());
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            invocation.write(ExchangeObjects.authConfig(shell.getAuthConfig(), shell.localServer(), org));
        }
    }

    static final class SetAuthConfig extends LabCmdlet {
        private static final String NEW = "NewCertificateParameterSet";
        private static final String CURRENT = "CurrentCertificateParameterSet";
        private static final String PUBLISH = "PublishCertificateParameterSet";
        private static final String PARTNER = "AuthPartnerParameterSet";

        SetAuthConfig(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Set-AuthConfig";
        }

        @Override
        public String typeName() {
            return exchangeType(name());
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.named("NewCertificateThumbprint", PsType.STRING).sets(NEW),
                    Parameter.named("NewCertificateEffectiveDate", PsType.DATETIME).sets(NEW),
                    Parameter.named("CertificateThumbprint", PsType.STRING).mandatory().sets(CURRENT),
                    Parameter.named("SkipImmediateCertificateDeployment", PsType.SWITCH).sets(NEW, CURRENT),
                    Parameter.named("Server", PsType.STRING).sets(NEW, CURRENT),
                    Parameter.named("PublishCertificate", PsType.SWITCH).sets(PUBLISH),
                    Parameter.named("ClearPreviousCertificate", PsType.SWITCH).sets(PUBLISH),
                    Parameter.named("Realm", PsType.STRING).sets(PARTNER),
                    Parameter.named("ServiceName", PsType.STRING).sets(PARTNER),
                    Parameter.named("Force", PsType.SWITCH),
                    Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        public String defaultParameterSet() {
            return PUBLISH;
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            PsDateTime effective = p.dateTime("NewCertificateEffectiveDate");
            shell.setAuthConfig(new SetAuthConfigRequest(
                    p.string("NewCertificateThumbprint"),
                    effective == null ? null : effective.instant(),
                    p.string("CertificateThumbprint"),
                    p.flag("PublishCertificate"),
                    p.flag("ClearPreviousCertificate"),
                    p.string("Realm"),
                    p.string("ServiceName"),
                    p.string("Server"),
                    p.flag("Force"),
                    p.flag("SkipImmediateCertificateDeployment")));
        }
    }
}
