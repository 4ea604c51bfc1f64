package io.authcert.rehearse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.Scenario;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.TargetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The twin served by the lab on 127.0.0.1 over WinRM at Windows' defaults (NTLM, every message
 * encrypted), with an account made for this rehearsal alone: a fresh random password, never the real
 * inventory's. Each host of the plan is reached at its twin server's endpoint.
 */
final class TwinLab implements AutoCloseable {

    private final EmbeddedLab lab;
    private final Twin twin;
    private final Path folder;

    private TwinLab(EmbeddedLab lab, Twin twin, Path folder) {
        this.lab = lab;
        this.twin = twin;
        this.folder = folder;
    }

    static TwinLab start(Twin twin) throws IOException {
        Organisation org = twin.organisation();
        String netbios = org.domain().split("\\.")[0].toUpperCase(Locale.ROOT);
        String user = netbios + "\\rehearsal";
        Path folder = Files.createTempDirectory("authcert-rehearsal-");
        EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withSpeed(0).withCredentials(user, throwawayPassword())
                .withInventoryFile(folder.resolve("twin-inventory.yml"));
        try {
            return new TwinLab(EmbeddedLab.serve(scenario(org), org, options), twin, folder);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    /** What the lab reads of a scenario besides the organisation: its description, name and domain; no other account. */
    private static Scenario scenario(Organisation org) {
        ObjectNode spec = new ObjectMapper().createObjectNode();
        spec.put("description", "a rehearsal's twin of " + org.name());
        spec.putObject("organisation").put("name", org.name()).put("domain", org.domain());
        return Scenario.parse("twin", spec.toString());
    }

    private static String throwawayPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return "Tw1n-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    EmbeddedLab lab() {
        return lab;
    }

    /** How to reach each host of the facts: its twin server's loopback endpoint, with the rehearsal's account. */
    Map<String, Target> targets() {
        TargetResolver resolver = new TargetResolver();
        Map<String, Target> out = new LinkedHashMap<>();
        twin.serverOfHost().forEach((host, server) -> {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("ansible_host", "127.0.0.1");
            vars.put("ansible_port", lab.port(server));
            vars.put("ansible_connection", "winrm");
            vars.put("ansible_user", lab.user());
            vars.put("ansible_password", lab.password());
            vars.put("ansible_winrm_scheme", "http");
            vars.put("ansible_winrm_transport", "ntlm");
            out.put(host, resolver.resolve(host, vars));
        });
        return out;
    }

    @Override
    public void close() {
        lab.close();
        deleteQuietly(folder);
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind holds only the twin's throwaway account
        }
    }
}
