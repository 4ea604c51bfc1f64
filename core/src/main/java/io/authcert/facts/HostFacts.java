package io.authcert.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine knows about one Exchange server's Auth-certificate state, as read in one
 * gathering. Immutable; the planner reads only this.
 *
 * @param host        the inventory name of the host
 * @param gatheredAt  the engine's clock when the answer arrived (for clock skew)
 * @param server      null when the host could not be gathered (see {@code errors})
 * @param authConfig  null when the host could not be gathered or is an Edge server
 * @param errors      why gathering failed or was partial, one plain line each
 * @param authAdmin   the AuthAdmin servicelet's last run and publish events; {@link AuthAdminFacts#UNKNOWN} when not read
 * @param organizationServers every server of the organisation as this host lists it ({@code Get-ExchangeServer}),
 *                    or why that is unknown; never null
 * @param owaSignInErrors the Application log's record of OWA's sign-in failing; {@link OwaSignInErrors#UNKNOWN} when not read
 * @param internalTransportCertificate the server's default SMTP certificate ({@code Get-TransportService}'s
 *                    InternalTransportCertificateThumbprint); null when unknown or none is set
 * @param simulatedClock  the host's clock is simulated (inventory {@code exchange_clock: simulated}), so
 *                        {@code gatheredAt} is the server's own {@code clock_utc}, not the engine's
 */
public record HostFacts(
        String host,
        Instant gatheredAt,
        ServerInfo server,
        AuthConfigFacts authConfig,
        List<CertificateFacts> certificates,
        ServiceFacts serviceHost,
        List<AppPoolFacts> appPools,
        BindingFacts backendBinding,
        boolean hybrid,
        List<String> errors,
        AuthAdminFacts authAdmin,
        OrganizationServers organizationServers,
        OwaSignInErrors owaSignInErrors,
        String internalTransportCertificate,
        boolean simulatedClock) {

    public HostFacts {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        appPools = appPools == null ? List.of() : List.copyOf(appPools);
        errors = errors == null ? List.of() : List.copyOf(errors);
        authAdmin = authAdmin == null ? AuthAdminFacts.UNKNOWN : authAdmin;
        organizationServers = organizationServers == null ? OrganizationServers.unknown(null) : organizationServers;
        owaSignInErrors = owaSignInErrors == null ? OwaSignInErrors.UNKNOWN : owaSignInErrors;
        internalTransportCertificate = Thumbprints.normalise(internalTransportCertificate);
    }

    /** Facts without the internal transport certificate (gatherings and builders that predate it): unknown. */
    public HostFacts(String host, Instant gatheredAt, ServerInfo server, AuthConfigFacts authConfig,
            List<CertificateFacts> certificates, ServiceFacts serviceHost, List<AppPoolFacts> appPools,
            BindingFacts backendBinding, boolean hybrid, List<String> errors, AuthAdminFacts authAdmin,
            OrganizationServers organizationServers, OwaSignInErrors owaSignInErrors) {
        this(host, gatheredAt, server, authConfig, certificates, serviceHost, appPools, backendBinding, hybrid, errors,
                authAdmin, organizationServers, owaSignInErrors, null, false);
    }

    /** Facts gathered on the engine's own clock. */
    public HostFacts(String host, Instant gatheredAt, ServerInfo server, AuthConfigFacts authConfig,
            List<CertificateFacts> certificates, ServiceFacts serviceHost, List<AppPoolFacts> appPools,
            BindingFacts backendBinding, boolean hybrid, List<String> errors, AuthAdminFacts authAdmin,
            OrganizationServers organizationServers, OwaSignInErrors owaSignInErrors, String internalTransportCertificate) {
        this(host, gatheredAt, server, authConfig, certificates, serviceHost, appPools, backendBinding, hybrid, errors,
                authAdmin, organizationServers, owaSignInErrors, internalTransportCertificate, false);
    }

    /** Facts without the sign-in error events (gatherings and builders that predate them): unknown. */
    public HostFacts(String host, Instant gatheredAt, ServerInfo server, AuthConfigFacts authConfig,
            List<CertificateFacts> certificates, ServiceFacts serviceHost, List<AppPoolFacts> appPools,
            BindingFacts backendBinding, boolean hybrid, List<String> errors, AuthAdminFacts authAdmin,
            OrganizationServers organizationServers) {
        this(host, gatheredAt, server, authConfig, certificates, serviceHost, appPools, backendBinding, hybrid, errors,
                authAdmin, organizationServers, OwaSignInErrors.UNKNOWN);
    }

    /**
     * Facts without the servicelet's and without the organisation's server list (captured exports, older
     * gatherings): both unknown.
     */
    public HostFacts(String host, Instant gatheredAt, ServerInfo server, AuthConfigFacts authConfig,
            List<CertificateFacts> certificates, ServiceFacts serviceHost, List<AppPoolFacts> appPools,
            BindingFacts backendBinding, boolean hybrid, List<String> errors) {
        this(host, gatheredAt, server, authConfig, certificates, serviceHost, appPools, backendBinding, hybrid, errors,
                AuthAdminFacts.UNKNOWN, null);
    }

    /** The same facts stamped with another gathering time. */
    public HostFacts withGatheredAt(Instant at) {
        return new HostFacts(host, at, server, authConfig, certificates, serviceHost, appPools, backendBinding, hybrid,
                errors, authAdmin, organizationServers, owaSignInErrors, internalTransportCertificate, simulatedClock);
    }

    /** The same facts with the server's internal transport (default SMTP) certificate. */
    public HostFacts withInternalTransportCertificate(String thumbprint) {
        return new HostFacts(host, gatheredAt, server, authConfig, certificates, serviceHost, appPools, backendBinding, hybrid,
                errors, authAdmin, organizationServers, owaSignInErrors, thumbprint, simulatedClock);
    }

    /** The same facts gathered at {@code serverTime} on the host's simulated clock. */
    public HostFacts onSimulatedClock(Instant serverTime) {
        return new HostFacts(host, serverTime, server, authConfig, certificates, serviceHost, appPools, backendBinding,
                hybrid, errors, authAdmin, organizationServers, owaSignInErrors, internalTransportCertificate, true);
    }

    /** Facts for a host that could not be reached or read. */
    public static HostFacts failed(String host, Instant gatheredAt, String error) {
        return new HostFacts(host, gatheredAt, null, null, List.of(), null, List.of(), null, false, List.of(error));
    }

    public boolean reachable() {
        return server != null;
    }

    public Optional<CertificateFacts> certificate(String thumbprint) {
        if (thumbprint == null) {
            return Optional.empty();
        }
        return certificates.stream().filter(c -> c.thumbprint().equalsIgnoreCase(thumbprint)).findFirst();
    }

    public Optional<AppPoolFacts> appPool(String name) {
        return appPools.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
