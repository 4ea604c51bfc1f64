"""Runs one command against a WinRM endpoint with pywinrm (transport='basic') and prints a JSON result.

Input: one JSON object on stdin with endpoint, username, password, command, arguments, stdin (optional),
operation_timeout_sec, read_timeout_sec, ca_trust_path (optional). Output: JSON with stdout, stderr
(both decoded as UTF-8), exit_code, or error and error_type when pywinrm raised.
"""
import base64
import json
import sys
import uuid

import winrm
import xmltodict
from winrm.protocol import Protocol


def send_stdin(protocol, shell_id, command_id, data):
    # pywinrm 0.3.0 has no send_command_input: build the Send message the way newer versions do.
    req = {'env:Envelope': protocol._get_soap_header(
        resource_uri='http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd',
        action='http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send',
        shell_id=shell_id)}
    stream = req['env:Envelope'].setdefault('env:Body', {}).setdefault('rsp:Send', {}).setdefault('rsp:Stream', {})
    stream['@Name'] = 'stdin'
    stream['@CommandId'] = command_id
    stream['@End'] = 'true'
    stream['#text'] = base64.b64encode(data).decode('ascii')
    protocol.send_message(xmltodict.unparse(req))


def main():
    job = json.load(sys.stdin)
    kwargs = dict(endpoint=job['endpoint'], transport='basic', username=job['username'],
                  password=job['password'],
                  operation_timeout_sec=job.get('operation_timeout_sec', 20),
                  read_timeout_sec=job.get('read_timeout_sec', 30))
    if job.get('ca_trust_path'):
        kwargs['server_cert_validation'] = 'validate'
        kwargs['ca_trust_path'] = job['ca_trust_path']
    result = {}
    try:
        p = Protocol(**kwargs)
        shell_id = p.open_shell()
        command_id = p.run_command(shell_id, job['command'], job.get('arguments', []))
        if job.get('stdin') is not None:
            send_stdin(p, shell_id, command_id, job['stdin'].encode('utf-8'))
        out, err, code = p.get_command_output(shell_id, command_id)
        p.cleanup_command(shell_id, command_id)
        p.close_shell(shell_id)
        result = {'stdout': out.decode('utf-8'), 'stderr': err.decode('utf-8'), 'exit_code': code}
    except Exception as e:  # report every failure to the Java test as data
        result = {'error': str(e), 'error_type': type(e).__name__}
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
