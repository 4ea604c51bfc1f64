#!/usr/bin/python3
"""Writes the capture folders PlanFromCapturesTest plans from: one folder per case, one folder per host,
each holding what an administrator exports on that server (docs/facts.md, "Captured exports"), in the
CLIXML shape Export-Clixml writes (as CSS-Exchange's MonitorExchangeAuthCertificate test data shows it).
Certificates: the DER files of core's tests (core/src/test/resources/io/authcert/facts/der).
Run from the repository's root: /usr/bin/python3 cli/src/test/resources/cli/captures/make_captures.py"""
import base64, hashlib, os, shutil, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DER = os.path.join(HERE, '..', '..', '..', '..', '..', '..', 'core', 'src', 'test', 'resources', 'io', 'authcert', 'facts', 'der')
ORG = 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=lab'
CERT_TYPES = ('<T>Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T>'
              '<T>System.Security.Cryptography.X509Certificates.X509Certificate2</T>'
              '<T>System.Security.Cryptography.X509Certificates.X509Certificate</T><T>System.Object</T>')


def der(name):
    with open(os.path.join(DER, name + '.der'), 'rb') as f:
        return f.read()


def dates(raw):
    out = subprocess.run(['openssl', 'x509', '-inform', 'der', '-noout', '-startdate', '-enddate', '-subject'],
                         input=raw, capture_output=True, check=True).stdout.decode()
    return dict(line.split('=', 1) for line in out.splitlines())


def iso(openssl_date):
    return subprocess.run(['date', '-u', '-d', openssl_date, '+%Y-%m-%dT%H:%M:%S+00:00'],
                          capture_output=True, check=True, text=True).stdout.strip()


def certificate(ref, name, raw_only, server):
    raw = der(name)
    tp = hashlib.sha1(raw).hexdigest().upper()
    info = dates(raw)
    subject = 'CN=Microsoft Exchange Server Auth Certificate'
    head = ('  <Obj RefId="%d">\n    <TN RefId="%d">%s</TN>\n    <ToString>[Subject]_x000D__x000A_  %s_x000D__x000A_'
            '_x000D__x000A_[Thumbprint]_x000D__x000A_  %s_x000D__x000A_</ToString>\n    <Props>\n'
            '      <BA N="RawData">%s</BA>\n') % (ref, ref, CERT_TYPES, subject, tp, base64.b64encode(raw).decode())
    props = ''
    if not raw_only:
        props = ('      <S N="FriendlyName">Microsoft Exchange Server Auth Certificate</S>\n'
                 '      <B N="HasPrivateKey">true</B>\n      <B N="PrivateKeyExportable">true</B>\n'
                 '      <B N="IsSelfSigned">true</B>\n      <DT N="NotAfter">%s</DT>\n      <DT N="NotBefore">%s</DT>\n'
                 '      <S N="Subject">%s</S>\n      <S N="Thumbprint">%s</S>\n      <I32 N="PublicKeySize">2048</I32>\n'
                 '      <Obj N="Services" RefId="%d"><TN RefId="%d"><T>Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices</T>'
                 '<T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN><ToString>SMTP</ToString><I32>16</I32></Obj>\n'
                 ) % (iso(info['notAfter']), iso(info['notBefore']), subject, tp, 100 + ref, 100 + ref)
    tail = ('    </Props>\n    <MS><S N="PSComputerName">%s.contoso.lab</S><B N="PSShowComputerName">false</B></MS>\n'
            '  </Obj>\n') % server
    return head + props + tail


def objs(body):
    return '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">\n' + body + '</Objs>\n'


def tp(name):
    return hashlib.sha1(der(name)).hexdigest().upper() if name else ''


def authconfig(server, current, nxt=None, effective=None, previous=None):
    body = ('  <Obj RefId="0">\n    <TN RefId="0"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig</T>'
            '<T>System.Object</T></TN>\n    <ToString>Auth Configuration</ToString>\n    <Props>\n'
            '      <S N="CurrentCertificateThumbprint">%s</S>\n      <S N="PreviousCertificateThumbprint">%s</S>\n'
            '      <S N="NextCertificateThumbprint">%s</S>\n') % (tp(current), tp(previous), tp(nxt))
    if effective:
        body += '      <DT N="NextCertificateEffectiveDate">%s</DT>\n' % effective
    else:
        body += '      <Nil N="NextCertificateEffectiveDate" />\n'
    body += ('      <S N="ServiceName">00000002-0000-0ff1-ce00-000000000000</S>\n      <S N="Realm"></S>\n'
             '      <S N="DistinguishedName">CN=Auth Configuration,%s</S>\n    </Props>\n'
             '    <MS><S N="PSComputerName">%s.contoso.lab</S></MS>\n  </Obj>\n') % (ORG, server)
    return objs(body)


def server_obj(ref, name):
    return ('  <Obj RefId="%d">\n    <TN RefId="%d"><T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T>'
            '<T>System.Object</T></TN>\n    <ToString>%s</ToString>\n    <Props>\n      <S N="Name">%s</S>\n'
            '      <S N="Fqdn">%s.contoso.lab</S>\n      <Obj N="AdminDisplayVersion" RefId="%d"><TN RefId="%d">'
            '<T>Microsoft.Exchange.Data.ServerVersion</T><T>System.Object</T></TN><ToString>Version 15.2 (Build 1544.4)</ToString></Obj>\n'
            '      <Obj N="ServerRole" RefId="%d"><TN RefId="%d"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole</T>'
            '<T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN><ToString>Mailbox</ToString><I32>2</I32></Obj>\n'
            '      <Obj N="Site" RefId="%d"><TN RefId="%d"><T>Microsoft.Exchange.Data.Directory.ADObjectId</T><T>System.Object</T></TN>'
            '<ToString>contoso.lab/Configuration/Sites/Default-First-Site-Name</ToString></Obj>\n'
            '      <B N="IsMailboxServer">true</B>\n      <B N="IsClientAccessServer">true</B>\n      <B N="IsEdgeServer">false</B>\n'
            '    </Props>\n  </Obj>\n') % ((ref * 10, ref * 10, name.upper(), name.upper(), name) + tuple(ref * 10 + i for i in (1, 1, 2, 2, 3, 3)))


SERVERS = ['ex01', 'ex02']

# case: (AuthConfig (current, next, effective, previous), certificates per server, RawData only?)
CASES = {
    'healthy-rawdata-158-days': (('auth-current', None, None, None), {'ex01': ['auth-current'], 'ex02': ['auth-current']}, True),
    'healthy-full-158-days': (('auth-current', None, None, None), {'ex01': ['auth-current'], 'ex02': ['auth-current']}, False),
    'inside-renewal-window': (('auth-current', None, None, None), {'ex01': ['auth-current'], 'ex02': ['auth-current']}, True),
    'staged-and-due': (('auth-current', 'auth-next', '2026-11-28T10:00:00+00:00', None),
                       {'ex01': ['auth-current', 'auth-next'], 'ex02': ['auth-current', 'auth-next']}, True),
    'missing-on-some': (('auth-current', None, None, None), {'ex01': ['auth-current'], 'ex02': []}, True),
    'expired': (('auth-old', None, None, None), {'ex01': ['auth-old'], 'ex02': ['auth-old']}, True),
    'missing-everywhere': (('auth-old', None, None, None), {'ex01': [], 'ex02': []}, True),
}

for case, (auth, stores, raw_only) in CASES.items():
    root = os.path.join(HERE, case)
    shutil.rmtree(root, ignore_errors=True)
    for s in SERVERS:
        d = os.path.join(root, s)
        os.makedirs(d)
        with open(os.path.join(d, 'authconfig.xml'), 'w') as f:
            f.write(authconfig(s, *auth))
        with open(os.path.join(d, 'certificates.xml'), 'w') as f:
            f.write(objs(''.join(certificate(i, n, raw_only, s) for i, n in enumerate(stores[s]))))
        with open(os.path.join(d, 'exchangeserver.xml'), 'w') as f:
            f.write(objs(server_obj(1, s)))
        with open(os.path.join(d, 'exchangeservers.xml'), 'w') as f:
            f.write(objs(''.join(server_obj(i + 1, n) for i, n in enumerate(SERVERS))))
