package io.authcert.lab.pwsh;

/** One powershell.exe process: parses the script, runs it, formats its output. */
final class Runspace {

    private final Session session;

    Runspace(Session session) {
        this.session = session;
    }

    ScriptOutput run(String script) {
        ScriptOutput out = new ScriptOutput();
        out.writeStream("Error", java.util.List.of("The lab's interpreter is not wired yet."));
        out.exitCode(1);
        return out;
    }
}
