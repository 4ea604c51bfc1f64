package io.authcert.lab.testing;

import com.xebialabs.overthere.CmdLine;
import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.OperatingSystemFamily;
import com.xebialabs.overthere.OverthereConnection;
import com.xebialabs.overthere.OverthereProcess;
import com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder;
import com.xebialabs.overthere.cifs.CifsConnectionBuilder;
import com.xebialabs.overthere.cifs.CifsConnectionType;
import com.xebialabs.overthere.util.DefaultAddressPortMapper;
import io.authcert.lab.EmbeddedLab;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Runs PowerShell on a lab server through Overthere (the engine's WinRM client, cifs/WINRM_INTERNAL). */
public final class OverthereRun {

    private OverthereRun() {
    }

    /** Sends the script as {@code -EncodedCommand} (fits cmd.exe's 8191-character line for short scripts). */
    public static PyWinRm.Result run(EmbeddedLab lab, String host, String script) {
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return run(lab, host, CmdLine.build("powershell.exe", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded),
                null);
    }

    private static PyWinRm.Result run(EmbeddedLab lab, String host, CmdLine cmd, String stdin) {
        ConnectionOptions o = new ConnectionOptions();
        o.set(ConnectionOptions.OPERATING_SYSTEM, OperatingSystemFamily.WINDOWS);
        o.set(BaseCifsConnectionBuilder.CONNECTION_TYPE, CifsConnectionType.WINRM_INTERNAL);
        o.set(ConnectionOptions.ADDRESS, "127.0.0.1");
        o.set(ConnectionOptions.PORT, lab.port(host));
        o.set(ConnectionOptions.USERNAME, lab.user());
        o.set(ConnectionOptions.PASSWORD, lab.password());
        o.set(BaseCifsConnectionBuilder.WINRM_TIMEMOUT, "PT20.000S");
        OverthereConnection c = new CifsConnectionBuilder("cifs", o, DefaultAddressPortMapper.INSTANCE).connect();
        try {
            OverthereProcess p = c.startProcess(cmd);
            CompletableFuture<byte[]> out = drain(p.getStdout());
            CompletableFuture<byte[]> err = drain(p.getStderr());
            if (stdin != null) {
                p.getStdin().write(stdin.getBytes(StandardCharsets.UTF_8));
                p.getStdin().flush();
            }
            p.getStdin().close();
            int exit = p.waitFor();
            return new PyWinRm.Result(new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8), exit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            c.close();
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
