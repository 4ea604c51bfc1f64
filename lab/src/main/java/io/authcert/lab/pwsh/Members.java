package io.authcert.lab.pwsh;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Properties, methods, static members and casts of the .NET types the subset uses (String,
 * DateTime, arrays, hashtables, enums, Console, Encoding, Convert, Math...). Anything else fails as
 * PowerShell fails ("Method invocation failed because [X] does not contain a method named 'Y'.").
 */
final class Members {

    /** A type used as a value ({@code [string]}, {@code [Console]}). */
    record TypeRef(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("string", "System.String"), Map.entry("int", "System.Int32"), Map.entry("int32", "System.Int32"),
            Map.entry("long", "System.Int64"), Map.entry("int64", "System.Int64"), Map.entry("double", "System.Double"),
            Map.entry("decimal", "System.Decimal"), Map.entry("bool", "System.Boolean"),
            Map.entry("boolean", "System.Boolean"), Map.entry("switch", "System.Management.Automation.SwitchParameter"),
            Map.entry("datetime", "System.DateTime"), Map.entry("timespan", "System.TimeSpan"),
            Map.entry("array", "System.Array"), Map.entry("object[]", "System.Object[]"),
            Map.entry("string[]", "System.String[]"), Map.entry("int[]", "System.Int32[]"),
            Map.entry("byte[]", "System.Byte[]"), Map.entry("hashtable", "System.Collections.Hashtable"),
            Map.entry("collections.hashtable", "System.Collections.Hashtable"),
            Map.entry("pscustomobject", "System.Management.Automation.PSCustomObject"),
            Map.entry("management.automation.pscustomobject", "System.Management.Automation.PSCustomObject"),
            Map.entry("psobject", "System.Management.Automation.PSObject"), Map.entry("object", "System.Object"),
            Map.entry("void", "System.Void"), Map.entry("char", "System.Char"), Map.entry("guid", "System.Guid"),
            Map.entry("console", "System.Console"), Map.entry("text.encoding", "System.Text.Encoding"),
            Map.entry("text.utf8encoding", "System.Text.UTF8Encoding"), Map.entry("convert", "System.Convert"),
            Map.entry("math", "System.Math"), Map.entry("environment", "System.Environment"),
            Map.entry("net.dns", "System.Net.Dns"), Map.entry("io.memorystream", "System.IO.MemoryStream"),
            Map.entry("security.cryptography.randomnumbergenerator",
                    "System.Security.Cryptography.RandomNumberGenerator"),
            Map.entry("byte", "System.Byte"), Map.entry("securestring", "System.Security.SecureString"),
            Map.entry("security.securestring", "System.Security.SecureString"),
            Map.entry("scriptblock", "System.Management.Automation.ScriptBlock"),
            Map.entry("management.automation.scriptblock", "System.Management.Automation.ScriptBlock"),
            Map.entry("exception", "System.Exception"), Map.entry("regex", "System.Text.RegularExpressions.Regex"),
            Map.entry("text.regularexpressions.regex", "System.Text.RegularExpressions.Regex"),
            Map.entry("ordered", "System.Collections.Specialized.OrderedDictionary"),
            Map.entry("management.automation.runtimeexception", "System.Management.Automation.RuntimeException"),
            Map.entry("xml", "System.Xml.XmlDocument"), Map.entry("xml.xmldocument", "System.Xml.XmlDocument"),
            Map.entry("security.cryptography.x509certificates.x509certificate2",
                    "System.Security.Cryptography.X509Certificates.X509Certificate2"));

    private final Interpreter interpreter;

    Members(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** The canonical .NET name of a type token, or null if the lab does not know the type. */
    static String canonical(String typeName) {
        String t = typeName.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("system.")) {
            t = t.substring(7);
        }
        return TYPES.get(t);
    }

    Object typeLiteral(String name, Ast.Extent at) {
        String c = canonical(name);
        if (c == null) {
            throw typeNotFound(name, at);
        }
        return new TypeRef(c);
    }

    private PsException typeNotFound(String name, Ast.Extent at) {
        return new PsException(new ErrorRecord("Unable to find type [" + name + "].", ErrorCategory.InvalidOperation,
                "TypeNotFound", name, "TypeName", "RuntimeException"))
                .withContext(new PsException.ErrorContext(null, at, "", null));
    }

    private PsException error(String message, ErrorCategory category, String id, Ast.Extent at) {
        return interpreter.runtimeError(message, category, id, at);
    }

    // ---- casts -----------------------------------------------------------------------------------------

    Object cast(String typeName, Object value, Ast.Extent at) {
        String c = canonical(typeName);
        if (c == null) {
            throw typeNotFound(typeName, at);
        }
        try {
            switch (c) {
                case "System.String":
                    return value == null ? "" : value instanceof List<?> ? interpreter.expandToString(value)
                            : LanguagePrimitives.toStringValue(value);
                case "System.Int32":
                    return LanguagePrimitives.convertTo(value, "int");
                case "System.Int64":
                    return LanguagePrimitives.convertTo(value, "long");
                case "System.Double", "System.Decimal":
                    return LanguagePrimitives.convertTo(value, "double");
                case "System.Boolean", "System.Management.Automation.SwitchParameter":
                    return LanguagePrimitives.toBool(value);
                case "System.DateTime": {
                    if (value instanceof PsDateTime d) {
                        return d.plain();
                    }
                    if (value == null) {
                        throw new PsType.ConversionException("Cannot convert null to type \"System.DateTime\".");
                    }
                    PsDateTime d = LanguagePrimitives.parseDateTime(LanguagePrimitives.toStringValue(value).trim(),
                            interpreter.runspace().session().clock().getZone());
                    return d;
                }
                case "System.Array", "System.Object[]":
                    return LanguagePrimitives.convertTo(value, "array");
                case "System.String[]": {
                    List<Object> out = new ArrayList<>();
                    LanguagePrimitives.enumerate(value).forEach(v -> out.add(LanguagePrimitives.toStringValue(v)));
                    return out;
                }
                case "System.Int32[]": {
                    List<Object> out = new ArrayList<>();
                    LanguagePrimitives.enumerate(value).forEach(v -> out.add(LanguagePrimitives.convertTo(v, "int")));
                    return out;
                }
                case "System.Byte[]":
                    return LanguagePrimitives.convertTo(value, "byte[]");
                case "System.Collections.Hashtable":
                    if (value instanceof PsHashtable h) {
                        return h;
                    }
                    throw new PsType.ConversionException("Cannot convert the \"" + LanguagePrimitives.toStringValue(value)
                            + "\" value of type \"" + LanguagePrimitives.typeName(value)
                            + "\" to type \"System.Collections.Hashtable\".");
                case "System.Management.Automation.PSCustomObject":
                    if (value instanceof PsHashtable h) {
                        PsObject o = PsObject.custom();
                        for (Object k : h.keys()) {
                            o.set(LanguagePrimitives.toStringValue(k), h.get(k));
                        }
                        return o;
                    }
                    return value;
                case "System.Management.Automation.PSObject", "System.Object":
                    return value;
                case "System.Void":
                    return Interpreter.VOID;
                case "System.Char": {
                    String s = LanguagePrimitives.toStringValue(value);
                    if (value instanceof Number n) {
                        return String.valueOf((char) n.intValue());
                    }
                    if (s.length() != 1) {
                        throw new PsType.ConversionException("Cannot convert value \"" + s
                                + "\" to type \"System.Char\". Error: \"String must be exactly one character long.\"");
                    }
                    return s;
                }
                case "System.Guid":
                    return guid(UUID.fromString(LanguagePrimitives.toStringValue(value).trim()));
                case "System.Management.Automation.ScriptBlock":
                    return PsType.SCRIPTBLOCK.convert(value);
                case "System.Security.SecureString":
                    return PsType.SECURE_STRING.convert(value);
                case "System.Xml.XmlDocument":
                    if (value instanceof PsObject o && o.typeName().equals("System.Xml.XmlDocument")) {
                        return o;
                    }
                    return XmlAdapter.document(LanguagePrimitives.toStringValue(value));
                default:
                    throw new PsType.ConversionException("Cannot convert the \"" + LanguagePrimitives.toStringValue(value)
                            + "\" value of type \"" + LanguagePrimitives.typeName(value) + "\" to type \"" + c + "\".");
            }
        } catch (PsType.ConversionException | IllegalArgumentException e) {
            throw error(e.getMessage(), ErrorCategory.InvalidArgument, "InvalidCastParseTargetInvocation", at);
        }
    }

    boolean isInstance(Object value, TypeRef type) {
        String n = type.name();
        return switch (n) {
            case "System.Object", "System.Management.Automation.PSObject" -> value != null;
            case "System.Array", "System.Object[]" -> value instanceof List<?>;
            default -> value != null && (LanguagePrimitives.typeName(value).equals(n)
                    || n.equals("System.Collections.Hashtable") && value instanceof PsHashtable
                    || n.equals("System.Management.Automation.ScriptBlock") && value instanceof ScriptBlock
                    || n.equals("System.Int64") && value instanceof Integer && false);
        };
    }

    private static PsObject guid(UUID uuid) {
        return new PsObject("System.Guid").set("Guid", uuid.toString()).withToString(uuid.toString());
    }

    // ---- properties --------------------------------------------------------------------------------------

    Object getMember(Object target, String name, boolean isStatic, Ast.Extent at) {
        if (isStatic) {
            return getStatic((TypeRef) target, name, at);
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (target == null) {
            return n.equals("count") || n.equals("length") ? 0 : null;
        }
        if (target instanceof PsObject o) {
            if (o.has(name)) {
                return o.get(name);
            }
            return n.equals("count") || n.equals("length") ? 1 : null;
        }
        if (target instanceof PsHashtable h) {
            if (h.containsKey(name)) {
                return h.get(name);
            }
            return switch (n) {
                case "count" -> h.size();
                case "keys" -> h.keys();
                case "values" -> h.values();
                default -> null;
            };
        }
        if (target instanceof List<?> list) {
            if (n.equals("count") || n.equals("length")) {
                return list.size();
            }
            // member enumeration (PowerShell 3+)
            List<Object> values = new ArrayList<>();
            for (Object item : list) {
                if (item == null) {
                    continue;
                }
                Object v = getMember(item, name, false, at);
                if (v instanceof List<?> l) {
                    values.addAll(l);
                } else if (v != null) {
                    values.add(v);
                }
            }
            return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : values;
        }
        if (target instanceof String s) {
            return n.equals("length") ? s.length() : n.equals("count") ? 1 : null;
        }
        if (target instanceof byte[] b) {
            return n.equals("length") || n.equals("count") ? b.length : null;
        }
        if (target instanceof PsDateTime d) {
            return dateProperty(d, n);
        }
        if (target instanceof PsTimeSpan t) {
            return timeSpanProperty(t, n);
        }
        if (target instanceof PsEnum e) {
            return n.equals("value__") ? e.value() : n.equals("count") ? 1 : null;
        }
        if (target instanceof TypeRef t) {
            return switch (n) {
                case "name" -> t.name().substring(t.name().lastIndexOf('.') + 1);
                case "fullname" -> t.name();
                default -> null;
            };
        }
        return n.equals("count") || n.equals("length") ? 1 : null;
    }

    private Object dateProperty(PsDateTime d, String n) {
        return switch (n) {
            case "year" -> d.wallClock().getYear();
            case "month" -> d.wallClock().getMonthValue();
            case "day" -> d.wallClock().getDayOfMonth();
            case "hour" -> d.wallClock().getHour();
            case "minute" -> d.wallClock().getMinute();
            case "second" -> d.wallClock().getSecond();
            case "millisecond" -> d.wallClock().getNano() / 1_000_000;
            case "dayofweek" -> DAY_OF_WEEK.value(d.wallClock().getDayOfWeek().getValue() % 7);
            case "dayofyear" -> d.wallClock().getDayOfYear();
            case "kind" -> KIND.value(d.kind() == PsDateTime.Kind.UNSPECIFIED ? 0 : d.kind() == PsDateTime.Kind.UTC ? 1 : 2);
            case "date" -> new PsDateTime(d.wallClock().toLocalDate().atStartOfDay(), d.kind(), d.zone(), false);
            case "ticks" -> Duration.between(java.time.LocalDateTime.of(1, 1, 1, 0, 0), d.wallClock()).toNanos() / 100;
            case "timeofday" -> new PsTimeSpan(Duration.ofNanos(d.wallClock().toLocalTime().toNanoOfDay()));
            case "datetime" -> d.displayString();
            case "count", "length" -> 1;
            default -> null;
        };
    }

    static final PsEnum.Type DAY_OF_WEEK = PsEnum.Type.of("System.DayOfWeek", "Sunday", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Saturday");
    static final PsEnum.Type KIND = PsEnum.Type.of("System.DateTimeKind", "Unspecified", "Utc", "Local");

    private static Object timeSpanProperty(PsTimeSpan t, String n) {
        Duration d = t.duration();
        return switch (n) {
            case "totaldays" -> t.totalMilliseconds() / 86_400_000d;
            case "totalhours" -> t.totalMilliseconds() / 3_600_000d;
            case "totalminutes" -> t.totalMilliseconds() / 60_000d;
            case "totalseconds" -> t.totalMilliseconds() / 1000d;
            case "totalmilliseconds" -> t.totalMilliseconds();
            case "days" -> (int) d.toDays();
            case "hours" -> d.toHoursPart();
            case "minutes" -> d.toMinutesPart();
            case "seconds" -> d.toSecondsPart();
            case "milliseconds" -> d.toMillisPart();
            case "ticks" -> d.toNanos() / 100;
            default -> null;
        };
    }

    void setMember(Object target, Ast.Member m, String name, Object value) {
        if (m.isStatic()) {
            TypeRef t = (TypeRef) target;
            if (t.name().equals("System.Console") && name.equalsIgnoreCase("OutputEncoding")) {
                if (value instanceof PsObject enc && enc.has("CodePage")) {
                    interpreter.runspace().setConsoleEncoding(ConsoleEncoding.forCodePage(
                            ((Number) enc.get("CodePage")).intValue()));
                    return;
                }
                throw error("Exception setting \"OutputEncoding\": \"Cannot convert the \""
                        + LanguagePrimitives.toStringValue(value) + "\" value of type \"" + LanguagePrimitives.typeName(value)
                        + "\" to type \"System.Text.Encoding\".\"", ErrorCategory.NotSpecified, "ExceptionWhenSetting",
                        m.extent());
            }
            throw error("The property '" + name + "' cannot be found on this object. Verify that the property exists and"
                    + " can be set.", ErrorCategory.InvalidOperation, "PropertyAssignmentException", m.extent());
        }
        if (target instanceof PsHashtable h) {
            h.put(name, value);
            return;
        }
        if (target instanceof PsObject o && o.has(name)) {
            o.set(name, value);
            return;
        }
        if (target == null) {
            throw error("The property '" + name + "' cannot be found on this object. Verify that the property exists and"
                    + " can be set.", ErrorCategory.InvalidOperation, "PropertyNotFound", m.extent());
        }
        throw error("The property '" + name + "' cannot be found on this object. Verify that the property exists and "
                + "can be set.", ErrorCategory.InvalidOperation, "PropertyNotFound", m.extent());
    }

    // ---- index -------------------------------------------------------------------------------------------

    Object index(Object target, Object index, Ast.Extent at) {
        if (target == null) {
            throw error("Cannot index into a null array.", ErrorCategory.InvalidOperation, "NullArray", at);
        }
        if (target instanceof PsHashtable h) {
            if (index instanceof List<?> keys) {
                List<Object> out = new ArrayList<>();
                keys.forEach(k -> out.add(h.get(k)));
                return out;
            }
            return h.get(index);
        }
        if (index instanceof List<?> indices) {
            List<Object> out = new ArrayList<>();
            for (Object i : indices) {
                Object v = index(target, i, at);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        if (target instanceof PsObject o && !(index instanceof Number)) {
            return o.get(LanguagePrimitives.toStringValue(index));
        }
        int i;
        try {
            i = (Integer) LanguagePrimitives.convertTo(index, "int");
        } catch (PsType.ConversionException e) {
            throw error(e.getMessage(), ErrorCategory.InvalidArgument, "InvalidCastFromStringToInteger", at);
        }
        if (target instanceof List<?> list) {
            int k = i < 0 ? list.size() + i : i;
            return k >= 0 && k < list.size() ? list.get(k) : null;
        }
        if (target instanceof String s) {
            int k = i < 0 ? s.length() + i : i;
            return k >= 0 && k < s.length() ? String.valueOf(s.charAt(k)) : null;
        }
        if (target instanceof byte[] b) {
            int k = i < 0 ? b.length + i : i;
            return k >= 0 && k < b.length ? (int) (b[k] & 0xff) : null;
        }
        // a scalar indexes like a one-element array
        return i == 0 || i == -1 ? target : null;
    }

    @SuppressWarnings("unchecked")
    void setIndex(Object target, Object index, Object value, Ast.Extent at) {
        if (target instanceof PsHashtable h) {
            h.put(index, value);
            return;
        }
        if (target instanceof List<?> list) {
            int i = (Integer) LanguagePrimitives.convertTo(index, "int");
            int k = i < 0 ? list.size() + i : i;
            if (k < 0 || k >= list.size()) {
                throw error("Index was outside the bounds of the array.", ErrorCategory.InvalidOperation,
                        "IndexOutOfRange", at);
            }
            ((List<Object>) list).set(k, value);
            return;
        }
        if (target == null) {
            throw error("Cannot index into a null array.", ErrorCategory.InvalidOperation, "NullArray", at);
        }
        throw error("Unable to index into an object of type " + LanguagePrimitives.typeName(target) + ".",
                ErrorCategory.InvalidOperation, "CannotIndex", at);
    }

    // ---- methods -------------------------------------------------------------------------------------------

    Object invoke(Object target, String name, List<Object> args, boolean isStatic, Ast.Extent at) {
        if (isStatic) {
            return invokeStatic((TypeRef) target, name, args, at);
        }
        if (target == null) {
            throw error("You cannot call a method on a null-valued expression.", ErrorCategory.InvalidOperation,
                    "InvokeMethodOnNull", at);
        }
        String n = name.toLowerCase(Locale.ROOT);
        try {
            Object result = instanceMethod(target, n, args, at);
            if (result != NO_METHOD) {
                return result;
            }
        } catch (PsType.ConversionException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PsException(ErrorRecord.of("Exception calling \"" + name + "\" with \"" + args.size()
                    + "\" argument(s): \"" + e.getMessage() + "\"", ErrorCategory.NotSpecified,
                    "MethodInvocationException", "MethodInvocationException"))
                    .withContext(new PsException.ErrorContext(null, at, "", null));
        }
        throw error("Method invocation failed because [" + LanguagePrimitives.typeName(target)
                + "] does not contain a method named '" + name + "'.", ErrorCategory.InvalidOperation, "MethodNotFound", at);
    }

    private static final Object NO_METHOD = new Object();

    private Object instanceMethod(Object target, String n, List<Object> args, Ast.Extent at) {
        if (target instanceof PsObject o) {
            PsObject.Method m = o.findMethod(n);
            if (m != null) {
                return m.apply(args);
            }
        }
        if (target instanceof PsDateTime d) {
            Object r = dateMethod(d, n, args);
            if (r != NO_METHOD) {
                return r;
            }
        }
        if (target instanceof String s) {
            Object r = stringMethod(s, n, args);
            if (r != NO_METHOD) {
                return r;
            }
        }
        if (target instanceof PsHashtable h) {
            switch (n) {
                case "containskey", "contains":
                    return h.containsKey(args.get(0));
                case "add":
                    if (h.containsKey(args.get(0))) {
                        throw new IllegalArgumentException("Item has already been added. Key in dictionary: '"
                                + LanguagePrimitives.toStringValue(args.get(0)) + "'  Key being added: '"
                                + LanguagePrimitives.toStringValue(args.get(0)) + "'");
                    }
                    h.put(args.get(0), args.get(1));
                    return Interpreter.VOID;
                case "remove":
                    h.remove(args.get(0));
                    return Interpreter.VOID;
                case "clone": {
                    PsHashtable c = new PsHashtable(h.isOrdered());
                    h.keys().forEach(k -> c.put(k, h.get(k)));
                    return c;
                }
                case "getenumerator": {
                    List<Object> entries = new ArrayList<>();
                    for (Object k : h.keys()) {
                        entries.add(new PsObject("System.Collections.DictionaryEntry").set("Name", k).set("Key", k)
                                .set("Value", h.get(k)));
                    }
                    return entries;
                }
                default:
                    break;
            }
        }
        if (target instanceof List<?> list) {
            switch (n) {
                case "contains":
                    return list.stream().anyMatch(x -> LanguagePrimitives.psEquals(x, args.get(0), true));
                case "indexof":
                    for (int i = 0; i < list.size(); i++) {
                        if (LanguagePrimitives.psEquals(list.get(i), args.get(0), true)) {
                            return i;
                        }
                    }
                    return -1;
                case "where": {
                    ScriptBlock sb = (ScriptBlock) args.get(0);
                    List<Object> out = new ArrayList<>();
                    for (Object item : list) {
                        if (LanguagePrimitives.toBool(Interpreter.unwrap(sb.invoke(item, List.of())))) {
                            out.add(item);
                        }
                    }
                    return out;
                }
                case "foreach": {
                    ScriptBlock sb = (ScriptBlock) args.get(0);
                    List<Object> out = new ArrayList<>();
                    for (Object item : list) {
                        out.addAll(sb.invoke(item, List.of()));
                    }
                    return out;
                }
                case "tostring":
                    return "System.Object[]";
                default:
                    break;
            }
        }
        if (target instanceof PsEnum e && n.equals("hasflag")) {
            Object arg = args.get(0);
            PsEnum other = arg instanceof PsEnum oe ? oe : e.type().parse(LanguagePrimitives.toStringValue(arg));
            return e.hasFlag(other);
        }
        if (target instanceof ScriptBlock sb && (n.equals("invoke") || n.equals("invokereturnasis"))) {
            return sb instanceof ScriptBlockValue v ? Interpreter.unwrap(v.invokeInNewScope(null, args, null))
                    : Interpreter.unwrap(sb.invoke(null, args));
        }
        if (target instanceof ScriptBlock && n.equals("getnewclosure")) {
            return target;
        }
        switch (n) {
            case "tostring":
                if (args.isEmpty()) {
                    return toStringMethod(target);
                }
                return formatNumber(target, LanguagePrimitives.toStringValue(args.get(0)));
            case "gettype":
                return new TypeRef(LanguagePrimitives.typeName(target));
            case "equals":
                return LanguagePrimitives.psEquals(target, args.get(0), true);
            case "gethashcode":
                return target.hashCode();
            case "compareto":
                return Integer.signum(LanguagePrimitives.psCompare(target, args.get(0), true));
            default:
                return NO_METHOD;
        }
    }

    /** .NET ToString(): en-US culture for dates and numbers, type names for collections. */
    static String toStringMethod(Object target) {
        if (target instanceof PsDateTime d) {
            return d.toString();
        }
        if (target instanceof List<?>) {
            return "System.Object[]";
        }
        return LanguagePrimitives.toStringValue(target);
    }

    private static Object formatNumber(Object target, String format) {
        if (target instanceof PsDateTime d) {
            return d.format(format);
        }
        if (target instanceof Number num) {
            String f = format.toUpperCase(Locale.ROOT);
            int digits = f.length() > 1 ? Integer.parseInt(f.substring(1)) : -1;
            switch (f.charAt(0)) {
                case 'D':
                    return String.format("%0" + Math.max(1, digits) + "d", num.longValue());
                case 'X':
                    String hex = Long.toHexString(num.longValue());
                    hex = format.charAt(0) == 'X' ? hex.toUpperCase(Locale.ROOT) : hex;
                    return digits > hex.length() ? "0".repeat(digits - hex.length()) + hex : hex;
                case 'N':
                    return String.format(Locale.US, "%,." + (digits < 0 ? 2 : digits) + "f", num.doubleValue());
                case 'F':
                    return String.format(Locale.US, "%." + (digits < 0 ? 2 : digits) + "f", num.doubleValue());
                default:
                    return LanguagePrimitives.toStringValue(num);
            }
        }
        return LanguagePrimitives.toStringValue(target);
    }

    private Object dateMethod(PsDateTime d, String n, List<Object> args) {
        switch (n) {
            case "addyears":
                return new PsDateTime(d.wallClock().plusYears(toLong(args.get(0))), d.kind(), d.zone(), false);
            case "addmonths":
                return new PsDateTime(d.wallClock().plusMonths(toLong(args.get(0))), d.kind(), d.zone(), false);
            case "adddays":
                return d.plusMillis(toDouble(args.get(0)) * 86_400_000d);
            case "addhours":
                return d.plusMillis(toDouble(args.get(0)) * 3_600_000d);
            case "addminutes":
                return d.plusMillis(toDouble(args.get(0)) * 60_000d);
            case "addseconds":
                return d.plusMillis(toDouble(args.get(0)) * 1000d);
            case "addmilliseconds":
                return d.plusMillis(toDouble(args.get(0)));
            case "addticks":
                return d.plus(Duration.ofNanos(toLong(args.get(0)) * 100));
            case "add":
                return d.plus(((PsTimeSpan) args.get(0)).duration());
            case "subtract":
                if (args.get(0) instanceof PsTimeSpan t) {
                    return d.plus(t.duration().negated());
                }
                return new PsTimeSpan(Duration.between(LanguagePrimitives.toDateTime(args.get(0)).instant(), d.instant()));
            case "touniversaltime":
                return d.toUniversalTime();
            case "tolocaltime":
                return d.toLocalTime();
            case "tostring":
                return args.isEmpty() ? d.toString() : d.format(LanguagePrimitives.toStringValue(args.get(0)));
            case "toshortdatestring":
                return d.format("d");
            case "toshorttimestring":
                return d.format("h:mm tt");
            case "tolongdatestring":
                return d.format("dddd, MMMM d, yyyy");
            case "tofiletimeutc", "tofiletime":
                return (d.instant().toEpochMilli() + 11_644_473_600_000L) * 10_000L;
            default:
                return NO_METHOD;
        }
    }

    private static long toLong(Object v) {
        return (Long) LanguagePrimitives.convertTo(v, "long");
    }

    private static double toDouble(Object v) {
        return (Double) LanguagePrimitives.convertTo(v, "double");
    }

    private static int toInt(Object v) {
        return (Integer) LanguagePrimitives.convertTo(v, "int");
    }

    private Object stringMethod(String s, String n, List<Object> args) {
        String a0 = args.isEmpty() ? null : LanguagePrimitives.toStringValue(args.get(0));
        switch (n) {
            case "toupper", "toupperinvariant":
                return s.toUpperCase(Locale.ROOT);
            case "tolower", "tolowerinvariant":
                return s.toLowerCase(Locale.ROOT);
            case "trim":
                return args.isEmpty() ? s.strip() : trimChars(s, a0, true, true);
            case "trimstart":
                return args.isEmpty() ? s.stripLeading() : trimChars(s, a0, true, false);
            case "trimend":
                return args.isEmpty() ? s.stripTrailing() : trimChars(s, a0, false, true);
            case "contains":
                return s.contains(a0);
            case "startswith":
                return args.size() > 1 ? s.toLowerCase(Locale.ROOT).startsWith(a0.toLowerCase(Locale.ROOT)) : s.startsWith(a0);
            case "endswith":
                return args.size() > 1 ? s.toLowerCase(Locale.ROOT).endsWith(a0.toLowerCase(Locale.ROOT)) : s.endsWith(a0);
            case "replace":
                return s.replace(a0, LanguagePrimitives.toStringValue(args.get(1)));
            case "substring":
                return args.size() == 1 ? s.substring(toInt(args.get(0)))
                        : s.substring(toInt(args.get(0)), toInt(args.get(0)) + toInt(args.get(1)));
            case "indexof":
                return s.indexOf(a0);
            case "lastindexof":
                return s.lastIndexOf(a0);
            case "split": {
                List<Object> out = new ArrayList<>();
                String seps = args.isEmpty() ? " " : String.join("", args.stream().flatMap(x ->
                        LanguagePrimitives.enumerate(x).stream()).map(LanguagePrimitives::toStringValue).toList());
                StringBuilder cur = new StringBuilder();
                for (char c : s.toCharArray()) {
                    if (seps.indexOf(c) >= 0) {
                        out.add(cur.toString());
                        cur.setLength(0);
                    } else {
                        cur.append(c);
                    }
                }
                out.add(cur.toString());
                return out;
            }
            case "padleft":
                return " ".repeat(Math.max(0, toInt(args.get(0)) - s.length())) + s;
            case "padright":
                return s + " ".repeat(Math.max(0, toInt(args.get(0)) - s.length()));
            case "insert":
                return s.substring(0, toInt(args.get(0))) + LanguagePrimitives.toStringValue(args.get(1))
                        + s.substring(toInt(args.get(0)));
            case "remove":
                return args.size() == 1 ? s.substring(0, toInt(args.get(0)))
                        : s.substring(0, toInt(args.get(0))) + s.substring(toInt(args.get(0)) + toInt(args.get(1)));
            case "tochararray": {
                List<Object> out = new ArrayList<>();
                s.chars().forEach(c -> out.add(String.valueOf((char) c)));
                return out;
            }
            case "tostring":
                return s;
            default:
                return NO_METHOD;
        }
    }

    private static String trimChars(String s, String chars, boolean start, boolean end) {
        int b = 0;
        int e = s.length();
        while (start && b < e && chars.indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (end && e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }

    // ---- static members ----------------------------------------------------------------------------------------

    private Object getStatic(TypeRef t, String name, Ast.Extent at) {
        String n = name.toLowerCase(Locale.ROOT);
        java.time.Clock clock = interpreter.runspace().session().clock();
        switch (t.name()) {
            case "System.Console":
                if (n.equals("outputencoding")) {
                    return encoding(interpreter.runspace().consoleEncoding());
                }
                if (n.equals("inputencoding")) {
                    return encoding(ConsoleEncoding.OEM_437);
                }
                break;
            case "System.Text.Encoding":
                switch (n) {
                    case "utf8":
                        return encoding(StandardCharsets.UTF_8);
                    case "ascii":
                        return encoding(StandardCharsets.US_ASCII);
                    case "unicode":
                        return encoding(StandardCharsets.UTF_16LE);
                    case "default":
                        return encoding(Charset.forName("windows-1252"));
                    default:
                        break;
                }
                break;
            case "System.DateTime":
                switch (n) {
                    case "now":
                        return PsDateTime.local(clock.instant(), clock.getZone());
                    case "utcnow":
                        return PsDateTime.utc(clock.instant(), clock.getZone());
                    case "today": {
                        PsDateTime now = PsDateTime.local(clock.instant(), clock.getZone());
                        return new PsDateTime(now.wallClock().toLocalDate().atStartOfDay(), PsDateTime.Kind.LOCAL,
                                clock.getZone(), false);
                    }
                    case "minvalue":
                        return new PsDateTime(java.time.LocalDateTime.of(1, 1, 1, 0, 0), PsDateTime.Kind.UNSPECIFIED,
                                clock.getZone(), false);
                    case "maxvalue":
                        return new PsDateTime(java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_900),
                                PsDateTime.Kind.UNSPECIFIED, clock.getZone(), false);
                    default:
                        break;
                }
                break;
            case "System.String":
                if (n.equals("empty")) {
                    return "";
                }
                break;
            case "System.Int32":
                if (n.equals("maxvalue")) {
                    return Integer.MAX_VALUE;
                }
                if (n.equals("minvalue")) {
                    return Integer.MIN_VALUE;
                }
                break;
            case "System.Int64":
                if (n.equals("maxvalue")) {
                    return Long.MAX_VALUE;
                }
                break;
            case "System.Environment":
                if (n.equals("machinename")) {
                    return interpreter.runspace().env().get("COMPUTERNAME");
                }
                if (n.equals("newline")) {
                    return "\r\n";
                }
                break;
            case "System.Guid":
                if (n.equals("empty")) {
                    return guid(new UUID(0, 0));
                }
                break;
            default:
                break;
        }
        throw error("The property '" + name + "' cannot be found on type [" + t.name() + "].",
                ErrorCategory.InvalidOperation, "PropertyNotFound", at);
    }

    /** An Encoding object: enough for [Console]::OutputEncoding and GetBytes/GetString. */
    static PsObject encoding(Charset charset) {
        int codePage;
        String web;
        String display;
        String type;
        if (charset.equals(StandardCharsets.UTF_8)) {
            codePage = 65001;
            web = "utf-8";
            display = "Unicode (UTF-8)";
            type = "System.Text.UTF8Encoding";
        } else if (charset.equals(StandardCharsets.UTF_16LE)) {
            codePage = 1200;
            web = "utf-16";
            display = "Unicode";
            type = "System.Text.UnicodeEncoding";
        } else if (charset.equals(StandardCharsets.US_ASCII)) {
            codePage = 20127;
            web = "us-ascii";
            display = "US-ASCII";
            type = "System.Text.ASCIIEncoding";
        } else if (charset.name().equals("windows-1252")) {
            codePage = 1252;
            web = "Windows-1252";
            display = "Western European (Windows)";
            type = "System.Text.SBCSCodePageEncoding";
        } else {
            codePage = 437;
            web = "IBM437";
            display = "OEM United States";
            type = "System.Text.SBCSCodePageEncoding";
        }
        PsObject o = new PsObject(type)
                .set("BodyName", web.toLowerCase(Locale.ROOT))
                .set("EncodingName", display)
                .set("HeaderName", web.toLowerCase(Locale.ROOT))
                .set("WebName", web.toLowerCase(Locale.ROOT))
                .set("WindowsCodePage", codePage == 437 ? 1252 : codePage)
                .set("IsBrowserDisplay", codePage != 437)
                .set("IsBrowserSave", codePage != 437)
                .set("IsMailNewsDisplay", codePage != 437)
                .set("IsMailNewsSave", codePage != 437)
                .set("IsSingleByte", codePage == 437 || codePage == 1252 || codePage == 20127)
                .set("EncoderFallback", "System.Text.EncoderReplacementFallback")
                .set("DecoderFallback", "System.Text.DecoderReplacementFallback")
                .set("IsReadOnly", true)
                .set("CodePage", codePage)
                .withToString(type);
        Charset cs = codePage == 437 ? ConsoleEncoding.OEM_437 : charset;
        o.method("GetBytes", args -> LanguagePrimitives.toStringValue(args.get(0)).getBytes(cs));
        o.method("GetString", args -> new String((byte[]) LanguagePrimitives.convertTo(args.get(0), "byte[]"), cs));
        return o;
    }

    private Object invokeStatic(TypeRef t, String name, List<Object> args, Ast.Extent at) {
        String n = name.toLowerCase(Locale.ROOT);
        java.time.Clock clock = interpreter.runspace().session().clock();
        try {
            switch (t.name() + "::" + n) {
                case "System.DateTime::parse":
                    return LanguagePrimitives.parseDateTime(LanguagePrimitives.toStringValue(args.get(0)).trim(),
                            clock.getZone());
                case "System.DateTime::specifykind": {
                    PsDateTime d = LanguagePrimitives.toDateTime(args.get(0));
                    String kind = LanguagePrimitives.toStringValue(args.get(1)).toUpperCase(Locale.ROOT);
                    return new PsDateTime(d.wallClock(), PsDateTime.Kind.valueOf(kind), d.zone(), false);
                }
                case "System.Convert::tobase64string":
                    return Base64.getEncoder().encodeToString((byte[]) LanguagePrimitives.convertTo(args.get(0), "byte[]"));
                case "System.Convert::frombase64string":
                    return Base64.getDecoder().decode(LanguagePrimitives.toStringValue(args.get(0)).trim());
                case "System.Convert::toint32":
                    return LanguagePrimitives.convertTo(args.get(0), "int");
                case "System.Convert::tostring":
                    return LanguagePrimitives.toStringValue(args.get(0));
                case "System.Math::round": {
                    double v = toDouble(args.get(0));
                    int digits = args.size() > 1 ? toInt(args.get(1)) : 0;
                    java.math.BigDecimal bd = java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_EVEN);
                    return digits == 0 && args.get(0) instanceof Double ? bd.doubleValue() : bd.doubleValue();
                }
                case "System.Math::floor":
                    return Math.floor(toDouble(args.get(0)));
                case "System.Math::ceiling":
                    return Math.ceil(toDouble(args.get(0)));
                case "System.Math::abs":
                    return args.get(0) instanceof Integer i ? (Object) Math.abs(i) : (Object) Math.abs(toDouble(args.get(0)));
                case "System.Math::max":
                    return LanguagePrimitives.psCompare(args.get(0), args.get(1), true) >= 0 ? args.get(0) : args.get(1);
                case "System.Math::min":
                    return LanguagePrimitives.psCompare(args.get(0), args.get(1), true) <= 0 ? args.get(0) : args.get(1);
                case "System.Math::pow":
                    return Math.pow(toDouble(args.get(0)), toDouble(args.get(1)));
                case "System.String::isnullorempty":
                    return args.get(0) == null || LanguagePrimitives.toStringValue(args.get(0)).isEmpty();
                case "System.String::isnullorwhitespace":
                    return args.get(0) == null || LanguagePrimitives.toStringValue(args.get(0)).isBlank();
                case "System.String::join": {
                    List<String> parts = new ArrayList<>();
                    List<Object> rest = args.size() == 2 ? LanguagePrimitives.enumerate(args.get(1)) : args.subList(1, args.size());
                    rest.forEach(x -> parts.add(LanguagePrimitives.toStringValue(x)));
                    return String.join(LanguagePrimitives.toStringValue(args.get(0)), parts);
                }
                case "System.String::format":
                    return Operators.format(LanguagePrimitives.toStringValue(args.get(0)), args.subList(1, args.size()));
                case "System.Int32::parse":
                    return LanguagePrimitives.convertTo(args.get(0), "int");
                case "System.Int64::parse":
                    return LanguagePrimitives.convertTo(args.get(0), "long");
                case "System.Environment::getenvironmentvariable":
                    return interpreter.runspace().env().get(LanguagePrimitives.toStringValue(args.get(0)));
                case "System.Net.Dns::gethostname":
                    return interpreter.runspace().env().get("COMPUTERNAME");
                case "System.Guid::newguid":
                    return guid(UUID.randomUUID());
                case "System.TimeSpan::fromdays":
                    return new PsTimeSpan(Duration.ofMillis(Math.round(toDouble(args.get(0)) * 86_400_000d)));
                case "System.TimeSpan::fromhours":
                    return new PsTimeSpan(Duration.ofMillis(Math.round(toDouble(args.get(0)) * 3_600_000d)));
                case "System.TimeSpan::fromminutes":
                    return new PsTimeSpan(Duration.ofMillis(Math.round(toDouble(args.get(0)) * 60_000d)));
                case "System.TimeSpan::fromseconds":
                    return new PsTimeSpan(Duration.ofMillis(Math.round(toDouble(args.get(0)) * 1000d)));
                case "System.Text.Encoding::getencoding": {
                    Object a = args.get(0);
                    Charset cs = a instanceof Number num ? ConsoleEncoding.forCodePage(num.intValue())
                            : Charset.forName(LanguagePrimitives.toStringValue(a));
                    return encoding(cs);
                }
                case "System.Console::openstandardinput":
                    return inputStream(interpreter.runspace().stdin());
                case "System.Security.Cryptography.RandomNumberGenerator::create":
                    return randomNumberGenerator();
                case "System.Management.Automation.ScriptBlock::create":
                    return interpreter.createScriptBlock(LanguagePrimitives.toStringValue(args.get(0)), at);
                case "System.Console::writeline":
                    interpreter.flushOutput();
                    interpreter.runspace().output().writeLine(args.isEmpty() ? "" : LanguagePrimitives.toStringValue(args.get(0)));
                    return Interpreter.VOID;
                case "System.Console::write":
                    interpreter.flushOutput();
                    interpreter.runspace().output().writeRaw(LanguagePrimitives.toStringValue(args.get(0)));
                    return Interpreter.VOID;
                case "System.Security.Cryptography.X509Certificates.X509Certificate2::new":
                    return X509View.of((byte[]) LanguagePrimitives.convertTo(args.get(0), "byte[]"), clock.getZone());
                case "System.Text.RegularExpressions.Regex::escape":
                    return java.util.regex.Pattern.quote(LanguagePrimitives.toStringValue(args.get(0)))
                            .replaceAll("^\\\\Q|\\\\E$", "").replaceAll("([.\\\\+*?\\[^\\]$(){}=!<>|:-])", "\\\\$1");
                default:
                    break;
            }
        } catch (PsType.ConversionException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PsException(ErrorRecord.of("Exception calling \"" + name + "\" with \"" + args.size()
                    + "\" argument(s): \"" + e.getMessage() + "\"", ErrorCategory.NotSpecified,
                    args.isEmpty() ? "MethodException" : "FormatException", "MethodInvocationException"))
                    .withContext(new PsException.ErrorContext(null, at, "", null));
        }
        throw error("Method invocation failed because [" + t.name() + "] does not contain a method named '" + name + "'.",
                ErrorCategory.InvalidOperation, "MethodNotFound", at);
    }

    /** {@code New-Object -TypeName X -ArgumentList ...} for the types scripts create. */
    Object newObject(String typeName, List<Object> args, Ast.Extent at) {
        String t = typeName.trim();
        String c = t.endsWith("[]") ? (canonical(t.substring(0, t.length() - 2)) + "[]") : canonical(t);
        if (c == null || c.startsWith("null")) {
            throw new PsException(new ErrorRecord("Cannot find type [" + t + "]: verify that the assembly containing this "
                    + "type is loaded.", ErrorCategory.InvalidType, "TypeNotFound", "", "", "PSArgumentException"));
        }
        switch (c) {
            case "System.Byte[]":
                return new byte[(Integer) LanguagePrimitives.convertTo(args.isEmpty() ? 0 : args.get(0), "int")];
            case "System.Object[]", "System.String[]", "System.Int32[]": {
                List<Object> list = new ArrayList<>();
                int n = (Integer) LanguagePrimitives.convertTo(args.isEmpty() ? 0 : args.get(0), "int");
                for (int i = 0; i < n; i++) {
                    list.add(c.equals("System.Int32[]") ? (Object) 0 : null);
                }
                return list;
            }
            case "System.IO.MemoryStream":
                return memoryStream(args.isEmpty() ? new byte[0] : (byte[]) LanguagePrimitives.convertTo(args.get(0), "byte[]"));
            case "System.Collections.Hashtable":
                return PsHashtable.unordered();
            case "System.Management.Automation.PSObject", "System.Management.Automation.PSCustomObject", "System.Object":
                return PsObject.custom();
            case "System.Text.UTF8Encoding":
                return encoding(StandardCharsets.UTF_8);
            default:
                throw new PsException(ErrorRecord.of("The lab's PowerShell cannot create objects of type [" + c + "].",
                        ErrorCategory.NotImplemented, "LabUnsupportedType", "PSArgumentException"));
        }
    }

    /** A MemoryStream: CopyTo targets it, ToArray reads it. */
    static PsObject memoryStream(byte[] initial) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        buffer.writeBytes(initial);
        PsObject o = new PsObject("System.IO.MemoryStream").set("CanRead", true).set("CanWrite", true)
                .withToString("System.IO.MemoryStream");
        o.method("ToArray", a -> buffer.toByteArray());
        o.method("Write", a -> {
            byte[] b = (byte[]) LanguagePrimitives.convertTo(a.get(0), "byte[]");
            int off = a.size() > 1 ? (Integer) LanguagePrimitives.convertTo(a.get(1), "int") : 0;
            int len = a.size() > 2 ? (Integer) LanguagePrimitives.convertTo(a.get(2), "int") : b.length - off;
            buffer.write(b, off, len);
            return Interpreter.VOID;
        });
        o.method("get_Length", a -> buffer.size());
        return o;
    }

    /** [Console]::OpenStandardInput(): the process's standard input, read once. */
    private static PsObject inputStream(java.io.InputStream in) {
        PsObject o = new PsObject("System.IO.Stream").withToString("System.IO.__ConsoleStream");
        o.method("CopyTo", a -> {
            if (!(a.get(0) instanceof PsObject target) || target.findMethod("Write") == null) {
                throw new IllegalArgumentException("Value cannot be null.\r\nParameter name: destination");
            }
            try {
                byte[] all = in == null ? new byte[0] : in.readAllBytes();
                target.findMethod("Write").apply(List.of(all));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            return Interpreter.VOID;
        });
        return o;
    }

    private static PsObject randomNumberGenerator() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        PsObject o = new PsObject("System.Security.Cryptography.RNGCryptoServiceProvider")
                .withToString("System.Security.Cryptography.RNGCryptoServiceProvider");
        o.method("GetBytes", a -> {
            if (!(a.get(0) instanceof byte[] bytes)) {
                throw new IllegalArgumentException("Value cannot be null.\r\nParameter name: data");
            }
            random.nextBytes(bytes);
            return Interpreter.VOID;
        });
        o.method("Dispose", a -> Interpreter.VOID);
        return o;
    }

    /** Used by Get-Date and friends. */
    static PsDateTime now(java.time.Clock clock) {
        return PsDateTime.local(Instant.now(clock), clock.getZone());
    }
}
