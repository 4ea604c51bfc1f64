package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The type of a cmdlet parameter: its .NET name (for error messages) and how an argument converts to
 * it. Conversions follow PowerShell's rules; a failure throws {@link ConversionException} with .NET's
 * wording, which the binder turns into "Cannot bind parameter 'X'. ...".
 */
public interface PsType {

    /** The .NET type name, e.g. "System.Int32". */
    String name();

    /** Converts an argument; throws {@link ConversionException} when PowerShell would refuse it. */
    Object convert(Object value);

    /** A conversion PowerShell would refuse; the message is .NET's. */
    final class ConversionException extends RuntimeException {
        public ConversionException(String message) {
            super(message, null, false, false);
        }
    }

    PsType STRING = simple("System.String", LanguagePrimitives::toStringValueOrNull);
    PsType INT32 = simple("System.Int32", v -> LanguagePrimitives.convertTo(v, "int"));
    PsType INT64 = simple("System.Int64", v -> LanguagePrimitives.convertTo(v, "long"));
    PsType DOUBLE = simple("System.Double", v -> LanguagePrimitives.convertTo(v, "double"));
    /** {@code [bool]} parameters take only Booleans and numbers, as in PowerShell. */
    PsType BOOLEAN = simple("System.Boolean", LanguagePrimitives::toBoolParameter);
    /** A switch: present means $true; {@code -Name:$false} gives false. */
    PsType SWITCH = simple("System.Management.Automation.SwitchParameter", LanguagePrimitives::toBoolParameter);
    PsType DATETIME = simple("System.DateTime", v -> LanguagePrimitives.convertTo(v, "datetime"));
    PsType OBJECT = simple("System.Object", v -> v);
    PsType SCRIPTBLOCK = simple("System.Management.Automation.ScriptBlock", v -> {
        if (v instanceof ScriptBlock || v == null) {
            return v;
        }
        throw new ConversionException("Cannot convert the \"" + LanguagePrimitives.toStringValue(v)
                + "\" value of type \"" + LanguagePrimitives.typeName(v)
                + "\" to type \"System.Management.Automation.ScriptBlock\".");
    });
    PsType HASHTABLE = simple("System.Collections.Hashtable", v -> {
        if (v instanceof PsHashtable || v == null) {
            return v;
        }
        throw new ConversionException("Cannot convert the \"" + LanguagePrimitives.toStringValue(v)
                + "\" value of type \"" + LanguagePrimitives.typeName(v) + "\" to type \"System.Collections.Hashtable\".");
    });
    PsType BYTE_ARRAY = simple("System.Byte[]", v -> LanguagePrimitives.convertTo(v, "byte[]"));
    PsType SECURE_STRING = simple("System.Security.SecureString", v -> {
        if (v instanceof SecureString || v == null) {
            return v;
        }
        throw new ConversionException("Cannot convert the \"" + LanguagePrimitives.toStringValue(v)
                + "\" value of type \"" + LanguagePrimitives.typeName(v)
                + "\" to type \"System.Security.SecureString\".");
    });
    PsType STRING_ARRAY = arrayOf(STRING);

    /** An array type: a single value becomes a one-element list; each element is converted. */
    static PsType arrayOf(PsType element) {
        return simple(element.name() + "[]", v -> {
            if (v == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object item : LanguagePrimitives.enumerate(v)) {
                out.add(element.convert(item));
            }
            return out;
        });
    }

    /** An enum type: accepts a PsEnum of the type, a member name (or "A, B" for flags) or a number. */
    static PsType enumOf(PsEnum.Type type) {
        return simple(type.fullName(), v -> {
            if (v == null || v instanceof PsEnum e && e.type().equals(type)) {
                return v;
            }
            if (v instanceof Number n) {
                return type.value(n.longValue());
            }
            List<Object> items = LanguagePrimitives.enumerate(v);
            List<String> names = new ArrayList<>();
            items.forEach(i -> names.add(LanguagePrimitives.toStringValue(i)));
            try {
                return type.parse(String.join(",", names));
            } catch (IllegalArgumentException e) {
                throw new ConversionException("Cannot convert value \"" + String.join(",", names) + "\" to type \""
                        + type.fullName() + "\". Error: \"" + e.getMessage() + "\"");
            }
        });
    }

    /** A type from a name and a conversion function. */
    static PsType simple(String name, java.util.function.Function<Object, Object> convert) {
        return new PsType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object convert(Object value) {
                return convert.apply(value);
            }

            @Override
            public String toString() {
                return name.toLowerCase(Locale.ROOT);
            }
        };
    }
}
