"""Runs one PowerShell script on a WinRM endpoint over Kerberos and prints a JSON result.

Two clients, chosen by the job's "client":
  pywinrm  pywinrm 0.3 itself (transport='kerberos': requests_kerberos + Debian's pykerberos), from the
           ticket cache KRB5CCNAME names. Debian's pykerberos lacks authGSSWinRMEncryptMessage, so it cannot
           encrypt: use it over HTTPS (message_encryption 'auto' leaves bodies to TLS there).
  gssapi   pywinrm's own Protocol and Encryption classes, but a requests auth object whose handshake and
           wrap_winrm/unwrap_winrm use python-gssapi (gss_wrap_iov with header, data and padding buffers,
           as pykerberos' authGSSWinRMEncryptMessage does): Kerberos with MS-WSMV message encryption over HTTP.
           "mech" is "kerberos" (a raw Kerberos token, as pykerberos sends) or "spnego" (a NegTokenInit).

Input (stdin, JSON): client, url, spn_host (the SPN's host: HTTP@spn_host, pywinrm's
kerberos_hostname_override), script, delegate, mech, ca_trust_path (HTTPS), then_unencrypted (after the script, send one plain SOAP
request on the same connection and report its HTTP status). Output (stdout, JSON): stdout, stderr, exit_code,
unencrypted_status, cbt (what requests_kerberos bound the channel to, or null), or error and error_type.
"""
import base64
import json
import re
import sys

import gssapi
import requests
from gssapi.raw import IOV, IOVBufferType, unwrap_iov, wrap_iov
from winrm.exceptions import WinRMTransportError
from winrm.protocol import Protocol

SPNEGO = gssapi.OID.from_int_seq('1.3.6.1.5.5.2')
NEGOTIATE = re.compile(r'(?:^|,)\s*(?:Negotiate|Kerberos)\s+([A-Za-z0-9+/=]+)', re.I)


def b64(data):
    return base64.b64encode(data).decode('ascii')


def server_token(response):
    match = NEGOTIATE.search(response.headers.get('www-authenticate', ''))
    return base64.b64decode(match.group(1)) if match else None


class GssapiWinRMAuth(requests.auth.AuthBase):
    """Negotiate authentication on one connection, then pywinrm's wrap_winrm/unwrap_winrm pair."""

    winrm_encryption_available = True

    def __init__(self, spn_host, mech, delegate):
        flags = [gssapi.RequirementFlag.mutual_authentication, gssapi.RequirementFlag.out_of_sequence_detection,
                 gssapi.RequirementFlag.confidentiality, gssapi.RequirementFlag.integrity]
        if delegate:
            flags.append(gssapi.RequirementFlag.delegate_to_peer)
        self.context = gssapi.SecurityContext(
            name=gssapi.Name('HTTP@' + spn_host, gssapi.NameType.hostbased_service), usage='initiate',
            flags=flags, mech=gssapi.MechType.kerberos if mech == 'kerberos' else SPNEGO)

    def __call__(self, request):
        if not self.context.complete:
            request.headers['Authorization'] = 'Negotiate ' + b64(self.context.step())
            request.register_hook('response', self.answered)
        return request

    def answered(self, response, **kwargs):
        if self.context.complete:
            return response
        token = server_token(response)
        if response.status_code == 401 and token:
            # another leg of the exchange, on the same connection
            reply = self.context.step(token)
            response.content
            response.raw.release_conn()
            again = response.request.copy()
            again.headers['Authorization'] = 'Negotiate ' + b64(reply)
            follow = response.connection.send(again, **kwargs)
            follow.history.append(response)
            return self.answered(follow, **kwargs)
        if response.status_code < 400:
            if token is None:
                raise RuntimeError('the server sent no mutual-authentication token with HTTP %d' % response.status_code)
            self.context.step(token)
            if not self.context.complete:
                raise RuntimeError('the Kerberos context is not complete after the server\'s token')
        return response

    def wrap_winrm(self, host, message):
        iov = IOV(IOVBufferType.header, message, IOVBufferType.padding, std_layout=False)
        wrap_iov(self.context, iov, confidential=True)
        return iov[1].value + (iov[2].value or b''), iov[0].value

    def unwrap_winrm(self, host, message, header):
        iov = IOV((IOVBufferType.header, False, header), message, std_layout=False)
        unwrap_iov(self.context, iov)
        return iov[1].value


def protocol(job):
    common = dict(endpoint=job['url'], transport='kerberos', kerberos_hostname_override=job['spn_host'],
                  kerberos_delegation=bool(job.get('delegate')), operation_timeout_sec=20, read_timeout_sec=30)
    if job.get('ca_trust_path'):
        common.update(server_cert_validation='validate', ca_trust_path=job['ca_trust_path'])
    if job['client'] == 'pywinrm':
        return Protocol(username=job.get('principal'), **common)
    p = Protocol(**common)
    p.transport.build_session()
    p.transport.session.auth = GssapiWinRMAuth(job['spn_host'], job.get('mech', 'kerberos'), job.get('delegate'))
    p.transport.setup_encryption()
    return p


def run(job):
    p = protocol(job)
    encoded = base64.b64encode(job['script'].encode('utf_16_le')).decode('ascii')
    shell = p.open_shell()
    command = p.run_command(shell, 'powershell', ['-NoProfile', '-NonInteractive', '-EncodedCommand', encoded])
    out, err, code = p.get_command_output(shell, command)
    p.cleanup_command(shell, command)
    result = {'stdout': out.decode('utf-8'), 'stderr': err.decode('utf-8'), 'exit_code': code}
    auth = p.transport.session.auth
    cbt = getattr(auth, 'cbt_struct', None)
    result['cbt'] = None if cbt is None else repr(cbt)
    result['cbt_tried'] = bool(getattr(auth, 'cbt_binding_tried', False))
    if job.get('then_unencrypted'):
        p.transport.encryption = None
        try:
            p.close_shell(shell)
            result['unencrypted_status'] = 200
        except WinRMTransportError as e:
            result['unencrypted_status'] = e.code
    else:
        p.close_shell(shell)
    return result


def main():
    job = json.load(sys.stdin)
    try:
        result = run(job)
    except Exception as e:  # every failure goes back to the Java test as data
        result = {'error': str(e), 'error_type': type(e).__name__}
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
