package io.authcert.lab.pwsh.cmdlets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.LanguagePrimitives;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsDateTime;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ConvertFrom-Json as in 5.1: objects become PSCustomObjects, an array is written as one object, \/Date()\/ a DateTime. */
final class ConvertFromJson implements Cmdlet {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern DATE = Pattern.compile("^/Date\\((-?\\d+)\\)/$");

    @Override
    public String name() {
        return "ConvertFrom-Json";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("InputObject", PsType.STRING).position(0).mandatory().pipeline());
    }

    @Override
    public void invoke(Invocation call) {
        List<String> parts = new ArrayList<>();
        if (call.expectingInput()) {
            call.input().forEach(i -> parts.add(LanguagePrimitives.toStringValue(i)));
        } else {
            parts.add(call.parameters().string("InputObject"));
        }
        String text = String.join("\n", parts);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            call.write(read(p, t, call));
        } catch (IOException e) {
            throw new PsException(ErrorRecord.of("Invalid JSON primitive: " + text.strip().split("\\s")[0] + ".",
                    ErrorCategory.NotSpecified, "System.ArgumentException", "ArgumentException"));
        }
    }

    private static Object read(JsonParser p, JsonToken t, Invocation call) throws IOException {
        switch (t) {
            case START_OBJECT: {
                PsObject o = PsObject.custom();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.set(name, read(p, p.nextToken(), call));
                }
                return o;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(p, n, call));
                }
                return list;
            }
            case VALUE_STRING: {
                Matcher m = DATE.matcher(p.getText());
                if (m.matches()) {
                    return PsDateTime.utc(Instant.ofEpochMilli(Long.parseLong(m.group(1))), call.clock().getZone());
                }
                return p.getText();
            }
            case VALUE_NUMBER_INT: {
                long v = p.getLongValue();
                return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
            }
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
