package io.authcert.security.ntlm;

/** The names a server puts in its CHALLENGE's target info (MsvAvNbDomainName and the like). */
public record NtlmTarget(String netbiosDomain, String netbiosComputer, String dnsDomain, String dnsComputer) {

    AvPairs targetInfo(long fileTime) {
        return AvPairs.empty().withText(AvPairs.NB_DOMAIN_NAME, netbiosDomain)
                .withText(AvPairs.NB_COMPUTER_NAME, netbiosComputer)
                .withText(AvPairs.DNS_DOMAIN_NAME, dnsDomain)
                .withText(AvPairs.DNS_COMPUTER_NAME, dnsComputer)
                .withText(AvPairs.DNS_TREE_NAME, dnsDomain)
                .with(AvPairs.TIMESTAMP, Le.u64(fileTime));
    }
}
