package io.authcert.diag;

/** Jackson's parse errors in a person's words: without its "[Source: ...]" and "(for Object starting at ...)" asides. */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "not JSON" : e.getOriginalMessage();
        m = m.replaceAll("\\s*\\((?:for|in) [A-Za-z]+ starting at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "");
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
