package io.authcert.powershell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.powershell.Clixml.PsObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClixmlTest {

    private static List<Object> read(String xml) throws IOException {
        return Clixml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void objectsWithTypeNamesToStringPropertiesReferencesAndLists() throws Exception {
        List<Object> objs = read("""
                <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
                  <Obj RefId="0">
                    <TN RefId="0"><T>A.Type</T><T>System.Object</T></TN>
                    <ToString>line1_x000D__x000A_line2</ToString>
                    <Props>
                      <S N="Name">a_x005F_b</S>
                      <Nil N="Missing" />
                      <B N="Flag">true</B>
                      <I32 N="Size">2048</I32>
                      <DT N="When">2018-11-23T18:34:03-06:00</DT>
                      <BA N="Raw">AQID</BA>
                      <Obj N="Id" RefId="1"><TN RefId="1"><T>Id</T></TN><ToString>the id</ToString></Obj>
                      <Ref N="Again" RefId="1" />
                      <Obj N="Enum" RefId="2"><TN RefId="2"><T>E</T></TN><ToString>Valid</ToString><I32>1</I32></Obj>
                      <Obj N="List" RefId="3"><TN RefId="3"><T>L</T></TN><LST><S>x</S><S>y</S></LST></Obj>
                    </Props>
                    <MS><S N="PSComputerName">ex1</S></MS>
                  </Obj>
                  <Obj RefId="4"><TNRef RefId="0" /><ToString>second</ToString></Obj>
                </Objs>""");

        PsObject o = (PsObject) objs.get(0);
        assertThat(o.typeNames()).containsExactly("A.Type", "System.Object");
        assertThat(o.toStringValue()).isEqualTo("line1\r\nline2");
        assertThat(o.get("name")).isEqualTo("a_b");
        assertThat(o.has("Missing")).isTrue();
        assertThat(o.get("Missing")).isNull();
        assertThat(o.get("Flag")).isEqualTo(true);
        assertThat(o.get("Size")).isEqualTo(2048);
        assertThat(o.get("When")).isEqualTo(Instant.parse("2018-11-24T00:34:03Z"));
        assertThat((byte[]) o.get("Raw")).containsExactly(1, 2, 3);
        assertThat(o.get("Again")).isSameAs(o.get("Id"));
        assertThat(((PsObject) o.get("Enum")).value()).isEqualTo(1);
        assertThat(((PsObject) o.get("List")).items()).containsExactly("x", "y");
        assertThat(o.get("PSComputerName")).isEqualTo("ex1");
        assertThat(((PsObject) objs.get(1)).typeNames()).containsExactly("A.Type", "System.Object");
    }

    @Test
    void externalEntitiesAreRefused() {
        assertThatThrownBy(() -> read("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Objs><S>&e;</S></Objs>"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("not CLIXML");
    }

    @Test
    void somethingElseIsNotClixml() {
        assertThatThrownBy(() -> read("<html><body/></html>"))
                .isInstanceOf(IOException.class)
                .hasMessage("not CLIXML: the root element is <html>, not <Objs>");
    }

    /** Found by ClixmlFuzzTest: a BOM inside a RawData value threw the Base64 decoder's IllegalArgumentException. */
    @Test
    void aDamagedBase64ValueIsRefusedInWords() {
        assertThatThrownBy(() -> read("<Objs><Obj><Props><BA N=\"RawData\">AAA=A</BA></Props></Obj></Objs>"))
                .isInstanceOf(IOException.class)
                .hasMessage("unreadable <BA> value 'AAA=A' (not base64)");
    }

    /** Found by ClixmlFuzzTest: a few thousand nested elements overflowed the stack (the DOM's getTextContent). */
    @Test
    void elementsNestedTooDeeplyAreRefusedInWords() {
        String deep = "<S>".repeat(5000) + "x" + "</S>".repeat(5000);
        assertThatThrownBy(() -> read("<Objs>" + deep + "</Objs>"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("not CLIXML (line 1, column ")
                .hasMessageEndingWith(": elements nested deeper than 256 levels)");
        assertThat(ClixmlErrors.decode("#< CLIXML\r\n<Objs>" + deep + "</Objs>")).startsWith("<Objs><S><S>");
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        assertThatThrownBy(() -> read("<Objs>\n<S>x</Objs>"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("not CLIXML (line 2, column ");
    }

    @Test
    void aLongUnreadableValueIsQuotedShort() {
        assertThatThrownBy(() -> read("<Objs><I32>" + "9".repeat(500) + "</I32></Objs>"))
                .isInstanceOf(IOException.class)
                .hasMessage("unreadable <I32> value '" + "9".repeat(60) + "... (500 characters)'");
    }
}
