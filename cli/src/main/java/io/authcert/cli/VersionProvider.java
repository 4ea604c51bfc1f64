package io.authcert.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into {@code version.properties}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/authcert/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"authcert " + properties.getProperty("version", "unknown")};
    }
}
