package io.authcert.lab.exchange;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -TextExtension} string of New-SelfSignedCertificate in its {@code oid={text}value} form
 * (optionally {@code oid={critical}{text}value}): the lab reads Enhanced Key Usage
 * ({@code 2.5.29.37={text}oid,oid}, replacing the type's default) and the DNS names of Subject
 * Alternative Name ({@code 2.5.29.17={text}DNS=name&DNS=name}); any other extension or form is refused
 * as not simulated.
 */
final class TextExtension {

    static final String ENHANCED_KEY_USAGE = "2.5.29.37";
    static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
    private static final Pattern FORM = Pattern.compile("([0-9.]+)=(\\{critical\\})?\\{text\\}(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OID = Pattern.compile("[0-9]+(\\.[0-9]+)+");

    private TextExtension() {
    }

    /** Adds what {@code text} says to the extended key usages and DNS names of the certificate being made. */
    static void apply(String text, List<String> extendedKeyUsages, List<String> dnsNames) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw SelfSignedCertificates.notSimulated("-TextExtension '" + text + "' (the lab reads the oid={text}value form)");
        }
        String oid = m.group(1);
        String value = m.group(3);
        if (oid.equals(ENHANCED_KEY_USAGE)) {
            extendedKeyUsages.clear();
            for (String usage : value.split(",")) {
                String u = usage.trim();
                if (!OID.matcher(u).matches()) {
                    throw new ExchangeException("-TextExtension " + ENHANCED_KEY_USAGE + ": '" + u + "' is not an object identifier"
                            + " (the lab's wording).", "InvalidArgument",
                            "System.ArgumentException,Microsoft.CertificateServices.Commands.NewSelfSignedCertificateCommand");
                }
                extendedKeyUsages.add(u);
            }
        } else if (oid.equals(SUBJECT_ALTERNATIVE_NAME)) {
            for (String token : value.split("&")) {
                int eq = token.indexOf('=');
                String kind = eq < 0 ? token : token.substring(0, eq).trim().toUpperCase(Locale.ROOT);
                if (eq < 0 || !kind.equals("DNS")) {
                    throw SelfSignedCertificates.notSimulated("the subject alternative name '" + token
                            + "' (the lab reads DNS=name only)");
                }
                dnsNames.add(token.substring(eq + 1).trim());
            }
        } else {
            throw SelfSignedCertificates.notSimulated("-TextExtension " + oid + " (the lab reads " + ENHANCED_KEY_USAGE
                    + " and " + SUBJECT_ALTERNATIVE_NAME + ")");
        }
    }
}
