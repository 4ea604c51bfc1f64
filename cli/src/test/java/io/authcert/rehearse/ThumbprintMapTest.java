package io.authcert.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThumbprintMapTest {

    private static final String REAL = "0ACA65106143CC7E426C30928ADBF876248D975A";
    private static final String TWIN = "7D47C0501B3C273D4725ECE5EB8E32E8302317E1";

    private static ThumbprintMap map() {
        ThumbprintMap map = new ThumbprintMap();
        map.put(REAL, TWIN);
        return map;
    }

    @Test
    void everyRealThumbprintInAScriptIsWrittenAsTheTwinsAndBack() {
        String script = "Get-ExchangeCertificate -Thumbprint '" + REAL + "'\n$x = '" + REAL.toLowerCase() + "'";
        String onTwin = map().intoTwin(script);
        assertThat(onTwin).isEqualTo("Get-ExchangeCertificate -Thumbprint '" + TWIN + "'\n$x = '" + TWIN.toLowerCase() + "'");
        assertThat(map().intoReal(onTwin)).isEqualTo(script);
    }

    @Test
    void longerHexAndUnknownThumbprintsAreLeftAlone() {
        String longer = REAL + "00";
        String other = "1111111111111111111111111111111111111111";
        assertThat(map().intoTwin(longer + " " + other)).isEqualTo(longer + " " + other);
    }
}
