package io.authcert.lab.wsman;

/** The XML namespaces and URIs of WS-Management and the Windows Remote Shell, as real WinRM uses them. */
final class Ns {
    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    static final String RESOURCE_CMD = SHELL + "/cmd";
    static final String ACTION_CREATE = TRANSFER + "/Create";
    static final String ACTION_DELETE = TRANSFER + "/Delete";
    static final String ACTION_COMMAND = SHELL + "/Command";
    static final String ACTION_RECEIVE = SHELL + "/Receive";
    static final String ACTION_SEND = SHELL + "/Send";
    static final String ACTION_SIGNAL = SHELL + "/Signal";
    static final String ACTION_FAULT = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    static final String ANONYMOUS = ADDRESSING + "/role/anonymous";
    static final String STATE_DONE = SHELL + "/CommandState/Done";
    static final String STATE_RUNNING = SHELL + "/CommandState/Running";
    static final String SIGNAL_TERMINATE = SHELL + "/signal/terminate";
    static final String SIGNAL_CTRL_C = SHELL + "/signal/ctrl_c";

    private Ns() {
    }
}
