package io.authcert.plan;

/**
 * The Exchange service and IIS application pool names the engine acts on, written once so the
 * planner, the scripts and the executor cannot disagree about what they restart.
 */
public final class ExchangeNames {

    /** The Microsoft Exchange Service Host: its restart makes it deploy the Auth certificate now. */
    public static final String SERVICE_HOST = io.authcert.playbook.RunbookRestarts.SERVICE_HOST;
    /** Outlook on the web's application pool, which signs with the Auth certificate. */
    public static final String OWA_APP_POOL = io.authcert.playbook.RunbookRestarts.OWA_APP_POOL;
    /** The Exchange admin center's application pool, which signs with the Auth certificate. */
    public static final String ECP_APP_POOL = io.authcert.playbook.RunbookRestarts.ECP_APP_POOL;

    private ExchangeNames() {
    }
}
