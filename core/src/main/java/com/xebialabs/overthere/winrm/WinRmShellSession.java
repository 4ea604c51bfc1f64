package com.xebialabs.overthere.winrm;

import com.xebialabs.overthere.cifs.WinrmHttpsCertificateTrustStrategy;
import com.xebialabs.overthere.cifs.WinrmHttpsHostnameVerificationStrategy;
import com.xebialabs.overthere.winrm.soap.Action;
import com.xebialabs.overthere.winrm.soap.OptionSet;
import com.xebialabs.overthere.winrm.soap.ResourceURI;
import com.xebialabs.overthere.winrm.soap.SoapAction;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Base64;
import javax.net.SocketFactory;
import org.dom4j.Document;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * One Windows Remote Shell driven step by step through Overthere's own WinRM client
 * ({@code WinRmClient}, the engine of its {@code cifs}/{@code WINRM_INTERNAL} connections).
 *
 * <p>Why not Overthere's {@code OverthereProcess}: it never marks the end of standard input (so a
 * script sent with {@code powershell -Command -} would wait for more input forever), it gives up a
 * command on the first {@code w:TimedOut} fault of a Receive, and it decodes nothing we can
 * classify. Driving the same client request by request keeps Overthere's HTTP, TLS and Kerberos code
 * and gives the engine those three things. This class lives in Overthere's package because
 * {@code WinRmClient} is package-private; the Send with {@code End="true"} uses the client's own
 * message builder through reflection.
 */
public final class WinRmShellSession {

    /**
     * How to reach the endpoint.
     *
     * @param operationTimeout    ISO-8601 duration, the WS-Management OperationTimeout of every request
     * @param validateCertificate false trusts any server certificate and name (Ansible's {@code ignore})
     */
    public record Settings(String user, String password, URL url, String address, int port,
                           String operationTimeout, int envelopeSize, boolean validateCertificate,
                           int connectTimeoutMillis, int socketTimeoutMillis) {
        @Override
        public String toString() {
            return "Settings[" + url + " as " + user + "]";
        }
    }

    private final WinRmClient client;
    private String commandId;

    public WinRmShellSession(Settings s) {
        client = new WinRmClient(s.user(), s.password(), s.url(), s.address(), s.port(), SocketFactory.getDefault());
        client.setWinRmTimeout(s.operationTimeout());
        client.setWinRmEnvelopSize(s.envelopeSize());
        client.setWinRmLocale("en-US");
        client.setHttpsCertTrustStrategy(s.validateCertificate()
                ? WinrmHttpsCertificateTrustStrategy.STRICT : WinrmHttpsCertificateTrustStrategy.ALLOW_ALL);
        client.setHttpsHostnameVerifyStrategy(s.validateCertificate()
                ? WinrmHttpsHostnameVerificationStrategy.STRICT : WinrmHttpsHostnameVerificationStrategy.ALLOW_ALL);
        client.setKerberosUseHttpSpn(false);
        client.setKerberosAddPortToSpn(false);
        client.setKerberosDebug(false);
        client.setKerberosTicketCache(false);
        client.setConnectionTimeout(s.connectTimeoutMillis());
        client.setSoTimeout(s.socketTimeoutMillis());
        client.setUseCanonicalHostname(false);
    }

    /** Creates the shell; nothing has run on the server until {@link #command}. */
    public String open() {
        return client.createShell();
    }

    /** Starts a command line (cmd.exe syntax) in the shell. */
    public String command(String commandLine) {
        commandId = client.executeCommand(commandLine);
        return commandId;
    }

    /** Sends bytes to the command's stdin; {@code end} closes it, as WinRS does for the last chunk. */
    public void sendInput(byte[] data, boolean end) {
        if (!end) {
            try {
                client.sendInput(data);
            } catch (IOException e) {
                throw new WinRmRuntimeIOException("cannot send input", e);
            }
            return;
        }
        Element send = DocumentHelper.createElement(QName.get("Send", Namespaces.NS_WIN_SHELL));
        send.addElement(QName.get("Stream", Namespaces.NS_WIN_SHELL))
                .addAttribute("Name", "stdin")
                .addAttribute("CommandId", commandId)
                .addAttribute("End", "true")
                .addText(Base64.getEncoder().encodeToString(data));
        Document request = (Document) invoke(GET_REQUEST_DOCUMENT, Action.WS_SEND, ResourceURI.RESOURCE_URI_CMD, null, send);
        invoke(SEND_REQUEST, request, SoapAction.SEND);
    }

    /** One Receive request; true while the command has more output to come. */
    public boolean receive(OutputStream stdout, OutputStream stderr) throws IOException {
        return client.receiveOutput(stdout, stderr);
    }

    public int exitCode() {
        return client.exitValue();
    }

    /** Asks the server to terminate the command. */
    public void terminate() {
        client.signal();
    }

    /** Deletes the shell. */
    public void close() {
        client.deleteShell();
    }

    private static final Method GET_REQUEST_DOCUMENT = method("getRequestDocument",
            Action.class, ResourceURI.class, OptionSet.class, Element.class);
    private static final Method SEND_REQUEST = method("sendRequest", Document.class, SoapAction.class);

    private static Method method(String name, Class<?>... types) {
        try {
            Method m = WinRmClient.class.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this Overthere version has no WinRmClient." + name, e);
        }
    }

    private Object invoke(Method m, Object... args) {
        try {
            return m.invoke(client, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new WinRmRuntimeIOException("cannot send input", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
