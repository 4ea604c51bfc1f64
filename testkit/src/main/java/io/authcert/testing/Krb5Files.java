package io.authcert.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The KDC's kdc.conf and the clients' krb5.conf, so that nothing reads /etc/krb5.conf or DNS. */
record Krb5Files(Path dir, String realm, int port) {

    Path kdcConf() {
        return dir.resolve("kdc.conf");
    }

    Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    Path ccache() {
        return dir.resolve("ccache");
    }

    void write() throws IOException {
        String listen = "127.0.0.1:" + port;
        String enctypes = "aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96";
        Files.writeString(kdcConf(), String.join("\n",
                "[kdcdefaults]",
                " kdc_listen = " + listen,
                " kdc_tcp_listen = " + listen,
                "[realms]",
                " " + realm + " = {",
                "  database_name = " + dir.resolve("principal"),
                "  key_stash_file = " + dir.resolve("stash"),
                "  acl_file = " + dir.resolve("kadm5.acl"),
                "  kdc_listen = " + listen,
                "  kdc_tcp_listen = " + listen,
                "  master_key_type = aes256-cts-hmac-sha1-96",
                "  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal",
                "  max_life = 10h",
                "  max_renewable_life = 7d",
                " }",
                "[logging]",
                " kdc = FILE:" + dir.resolve("kdc.log"),
                " admin_server = FILE:" + dir.resolve("kadmin.log"),
                " default = FILE:" + dir.resolve("krb5.log"),
                ""));
        Files.writeString(dir.resolve("kadm5.acl"), "");
        String domain = realm.toLowerCase(java.util.Locale.ROOT);
        Files.writeString(krb5Conf(), String.join("\n",
                "[libdefaults]",
                " default_realm = " + realm,
                " dns_lookup_kdc = false",
                " dns_lookup_realm = false",
                " dns_canonicalize_hostname = false",
                " rdns = false",
                " udp_preference_limit = 1",
                " forwardable = true",
                " default_ccache_name = FILE:" + ccache(),
                " default_tkt_enctypes = " + enctypes,
                " default_tgs_enctypes = " + enctypes,
                " permitted_enctypes = " + enctypes,
                "[realms]",
                " " + realm + " = {",
                "  kdc = " + listen,
                " }",
                "[domain_realm]",
                " ." + domain + " = " + realm,
                " " + domain + " = " + realm,
                ""));
    }
}
