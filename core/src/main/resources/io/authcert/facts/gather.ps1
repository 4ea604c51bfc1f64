# authcert fact gathering: one round trip per host. Prints one JSON document on stdout.
# Runs in Windows PowerShell 5.1; the transport loads the Exchange cmdlets around it (authcert_exchange_shell).
# Uses only literal names (nothing spliced in).
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

function ConvertTo-IsoUtc($value) {
    if ($null -eq $value) { return $null }
    return $value.ToUniversalTime().ToString('o')
}

function ConvertTo-Text($value) {
    if ($null -eq $value) { return $null }
    return $value.ToString()
}

function Get-StartTime($processId) {
    if ($null -eq $processId -or $processId -eq 0) { return $null }
    $process = Get-Process -Id $processId -ErrorAction SilentlyContinue
    if ($null -eq $process) { return $null }
    return ConvertTo-IsoUtc $process.StartTime
}

$server = Get-ExchangeServer -Identity $env:COMPUTERNAME
$isEdge = $server.IsEdgeServer -eq $true
$authConfig = $null
if (-not $isEdge) {
    $auth = Get-AuthConfig
    $authConfig = @{
        current_thumbprint  = $auth.CurrentCertificateThumbprint
        previous_thumbprint = $auth.PreviousCertificateThumbprint
        next_thumbprint     = $auth.NextCertificateThumbprint
        next_effective_date = ConvertTo-IsoUtc $auth.NextCertificateEffectiveDate
        service_name        = $auth.ServiceName
        realm               = $auth.Realm
        distinguished_name  = $auth.DistinguishedName
    }
}

# Certificates as Exchange returns them. Serialization data signing or broken deserialization can leave only
# RawData (MEAC's Get-ExchangeServerCertificate then rebuilds each one from it): such a certificate is read from
# its own bytes, and its private key from this server's store (the script runs on the server). What neither
# tells (its services; its key when the store cannot be read) stays null, never false.
$gatherErrors = @()
$certificates = @(Get-ExchangeCertificate -Server $server.Name | ForEach-Object {
    if ($null -ne $_.Thumbprint) {
        @{
            thumbprint             = $_.Thumbprint
            subject                = $_.Subject
            friendly_name          = $_.FriendlyName
            not_before             = ConvertTo-IsoUtc $_.NotBefore
            not_after              = ConvertTo-IsoUtc $_.NotAfter
            has_private_key        = $_.HasPrivateKey
            private_key_exportable = $_.PrivateKeyExportable
            is_self_signed         = $_.IsSelfSigned
            services               = $_.Services.ToString()
            status                 = $_.Status.ToString()
            public_key_size        = $_.PublicKeySize
            domains                = @($_.CertificateDomains | ForEach-Object { $_.ToString() })
        }
    } elseif ($null -ne $_.RawData) {
        $x509 = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([byte[]]$_.RawData)
        $stored = Get-Item -LiteralPath ('Cert:\LocalMachine\My\' + $x509.Thumbprint) -ErrorAction SilentlyContinue
        $hasKey = $null
        $friendlyName = $null
        if ($null -ne $stored) {
            $hasKey = $stored.HasPrivateKey
            $friendlyName = $stored.FriendlyName
        }
        @{
            thumbprint             = $x509.Thumbprint
            subject                = $x509.Subject
            friendly_name          = $friendlyName
            not_before             = ConvertTo-IsoUtc $x509.NotBefore
            not_after              = ConvertTo-IsoUtc $x509.NotAfter
            has_private_key        = $hasKey
            private_key_exportable = $null
            is_self_signed         = $x509.Subject -eq $x509.Issuer
            services               = $null
            status                 = 'Unknown'
            public_key_size        = $null
            domains                = @()
        }
    }
})
$rawDataOnly = @($certificates | Where-Object { $_.status -eq 'Unknown' })
if ($rawDataOnly.Count -gt 0) {
    $gatherErrors += ([string]$rawDataOnly.Count + ' certificate(s) came back with RawData only (serialization data signing): read from the certificate and this server''s store; services unknown')
}
$keyUnknown = @($rawDataOnly | Where-Object { $null -eq $_.has_private_key })
if ($keyUnknown.Count -gt 0) {
    $gatherErrors += ([string]$keyUnknown.Count + ' certificate(s) not readable in Cert:\LocalMachine\My: private key unknown')
}

# The server's default SMTP (internal transport) certificate: creating an Auth certificate for SMTP takes it over,
# so the create step gives SMTP back to this one (docs/exchange.md). Unknown stays null, with the reason.
$internalTransportCertificate = $null
if (-not $isEdge) {
    try {
        $transportService = Get-TransportService -Identity $server.Name -ErrorAction Stop
        $internalTransportCertificate = ConvertTo-Text $transportService.InternalTransportCertificateThumbprint
    } catch {
        $gatherErrors += ('the internal transport certificate could not be read (Get-TransportService): ' + $_.Exception.Message)
    }
}

$serviceHost = $null
if (-not $isEdge) {
    $service = Get-CimInstance -ClassName 'Win32_Service' -Filter "Name='MSExchangeServiceHost'"
    $serviceHost = @{
        name       = 'MSExchangeServiceHost'
        status     = $service.State
        start_time = Get-StartTime $service.ProcessId
    }
}

$appPools = @()
$binding = $null
if (-not $isEdge) {
    $appPools = @('MSExchangeOWAAppPool', 'MSExchangeECPAppPool') | ForEach-Object {
        $pool = $_
        $state = Get-WebAppPoolState -Name $pool
        $worker = @(Get-ChildItem -Path "IIS:\AppPools\$pool\WorkerProcesses" -ErrorAction SilentlyContinue)
        $startTime = $null
        if ($worker.Count -gt 0) { $startTime = Get-StartTime $worker[0].processId }
        @{ name = $pool; state = $state.Value; start_time = $startTime }
    }
    $webBinding = Get-WebBinding -Name 'Exchange Back End' -Protocol 'https' -Port 444
    if ($null -ne $webBinding) {
        $binding = @{ site = 'Exchange Back End'; port = 444; thumbprint = $webBinding.certificateHash }
    }
}

$hybrid = $false
if (-not $isEdge) { $hybrid = $null -ne (Get-HybridConfiguration) }

# The AuthAdmin servicelet, read where Microsoft's "Maintain the Exchange Server OAuth certificate" says:
# its last run (Get-ExchangeDiagnosticInfo) and event 2014 for each certificate it made current.
# What cannot be read stays null, and errors says why.
$authAdmin = $null
if (-not $isEdge) {
    $lastRun = $null
    try {
        [xml]$diagnostics = Get-ExchangeDiagnosticInfo -Process 'Microsoft.Exchange.ServiceHost' -ErrorAction Stop
        foreach ($text in @($diagnostics.Diagnostics.Components.AnchorApplication.AnchorServiceComponents.CacheScheduler.lastRunTime)) {
            if ([string]::IsNullOrEmpty($text)) { continue }
            $run = [DateTime]$text
            if ($null -eq $lastRun -or $run -gt $lastRun) { $lastRun = $run }
        }
        if ($null -eq $lastRun) { $gatherErrors += 'the AuthAdmin servicelet shows no last run (lastRunTime)' }
    } catch {
        $gatherErrors += ('the AuthAdmin servicelet''s last run could not be read: ' + $_.Exception.Message)
    }
    $published = $null
    try {
        $published = @(Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'MSExchange AuthAdmin'; Id = 2014 } -MaxEvents 10 -ErrorAction Stop | ForEach-Object {
            if ($_.Message -match 'thumbprint\s+([0-9A-Fa-f]{40})') { @{ thumbprint = $Matches[1].ToUpper(); at = ConvertTo-IsoUtc $_.TimeCreated } }
        })
    } catch {
        if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { $published = @() }
        else { $gatherErrors += ('MSExchange AuthAdmin event 2014 could not be read from the Application log: ' + $_.Exception.Message) }
    }
    $authAdmin = @{ last_run = ConvertTo-IsoUtc $lastRun; published = $published }
}

# Where the outage shows on the server itself (docs/exchange.md, "Where the outage shows"): OWA's sign-in
# failing in FbaModule / HMACProvider.GetCertificates logs event 1003 (MSExchange Front End HTTPS Proxy),
# and an unhandled ASP.NET error 3005. The last 24 hours are counted; unreadable stays null with the reason.
$owaSignInErrors = $null
if (-not $isEdge) {
    $owaSignInErrorsSince = (Get-Date).AddHours(-24)
    try {
        $signInEvents = @(Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 1003, 3005; StartTime = $owaSignInErrorsSince } -MaxEvents 500 -ErrorAction Stop |
            Where-Object { $_.Message -match 'HMACProvider\.GetCertificates|FbaModule' })
    } catch {
        if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { $signInEvents = @() }
        else { $signInEvents = $null; $gatherErrors += ('OWA sign-in errors (events 1003, 3005) could not be read from the Application log: ' + $_.Exception.Message) }
    }
    if ($null -ne $signInEvents) {
        $newestSignInError = $null
        foreach ($e in $signInEvents) { if ($null -eq $newestSignInError -or $e.TimeCreated -gt $newestSignInError) { $newestSignInError = $e.TimeCreated } }
        $owaSignInErrors = @{ since = ConvertTo-IsoUtc $owaSignInErrorsSince; count = $signInEvents.Count; newest = ConvertTo-IsoUtc $newestSignInError }
    }
}

# Every server of the organisation, not only the inventory's: the Auth certificate must reach them all.
# A failure here leaves the list unknown (null) and says why; the rest of the facts still count.
# The list is the same AD data on every server, so the engine asks one server per organisation for it
# (it sets $listOrganizationServers = $false for the others): N servers each listing N would cost N x N.
$organizationServers = $null
$organizationServersError = $null
if ($isEdge) {
    $organizationServersError = 'an Edge Transport server does not list the servers of the organisation'
} elseif ($listOrganizationServers -eq $false) {
    $organizationServersError = 'not asked: another server of the organisation lists its servers'
} else {
    try {
        $organizationServers = @(Get-ExchangeServer | ForEach-Object {
            @{
                name             = $_.Name
                fqdn             = $_.Fqdn
                site             = ConvertTo-Text $_.Site
                roles            = @((ConvertTo-Text $_.ServerRole) -split ',\s*')
                version          = ConvertTo-Text $_.AdminDisplayVersion
                is_mailbox       = $_.IsMailboxServer
                is_client_access = $_.IsClientAccessServer
                is_edge          = $_.IsEdgeServer
            }
        })
    } catch {
        $organizationServersError = 'Get-ExchangeServer (every server of the organisation) failed: ' + $_.Exception.Message
        $gatherErrors += $organizationServersError
    }
}

@{
    format_version = 1
    server         = @{
        name         = $server.Name
        fqdn         = $server.Fqdn
        version      = $server.AdminDisplayVersion.ToString()
        roles        = @($server.ServerRole.ToString() -split ',\s*')
        ad_site      = $server.Site.ToString()
        is_edge      = $isEdge
        clock_utc    = (Get-Date).ToUniversalTime().ToString('o')
    }
    auth_config    = $authConfig
    certificates   = $certificates
    service_host   = $serviceHost
    app_pools      = @($appPools)
    backend_binding = $binding
    hybrid         = $hybrid
    auth_admin     = $authAdmin
    owa_sign_in_errors = $owaSignInErrors
    organization_servers       = $organizationServers
    organization_servers_error = $organizationServersError
    internal_transport_certificate = $internalTransportCertificate
    errors         = @($gatherErrors)
} | ConvertTo-Json -Depth 6 -Compress
