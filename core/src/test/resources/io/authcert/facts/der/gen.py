# Generates the captured-export fixtures in ../captured from the DER files here (made with keytool -genkeypair / -exportcert).
# Run from this directory: python3 gen.py (needs python3-cryptography).
import base64, hashlib, json, os, datetime
from cryptography import x509
OUT = "../captured"
NS = 'xmlns="http://schemas.microsoft.com/powershell/2004/04"'
def der(n): return open(n + ".der", "rb").read()
def info(n):
    d = der(n); c = x509.load_der_x509_certificate(d)
    return dict(der=d, tp=hashlib.sha1(d).hexdigest().upper(), nb=c.not_valid_before_utc, na=c.not_valid_after_utc,
                subject=", ".join(reversed([a.rfc4514_string() for a in c.subject])))
def win(dt): return dt.strftime("%m/%d/%Y %H:%M:%S")
def esc(s): return s.replace("\r", "_x000D_").replace("\n", "_x000A_")
def tostring(i):
    return esc(f"[Subject]\r\n  {i['subject']}\r\n\r\n[Issuer]\r\n  {i['subject']}\r\n\r\n[Serial Number]\r\n  1D9E0ED24826A397480CB16669F1B57D\r\n\r\n[Not Before]\r\n  {win(i['nb'])}\r\n\r\n[Not After]\r\n  {win(i['na'])}\r\n\r\n[Thumbprint]\r\n  {i['tp']}\r\n")
SIG = "AAEAAAD/////AQAAAAAAAAAMAgAAAGFNaWNyb3NvZnQuRXhjaGFuZ2UuTWFuYWdlbWVudCwgVmVyc2lvbj0xNS4wLjAuMCwgQ3VsdHVyZT1uZXV0cmFsLCBQdWJsaWNLZXlUb2tlbj0zMWJmMzg1NmFkMzY0ZTM1BQEAAAA="
TN = """    <TN RefId="0">
      <T>Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T>
      <T>System.Security.Cryptography.X509Certificates.X509Certificate2</T>
      <T>System.Security.Cryptography.X509Certificates.X509Certificate</T>
      <T>System.Object</T>
    </TN>"""
def ms(host):
    return f"""    <MS>
      <S N="PSComputerName">{host}</S>
      <G N="RunspaceId">7b6050c3-dac9-42ab-a0dc-c7f0b409c6bf</G>
      <B N="PSShowComputerName">false</B>
      <BA N="SerializationData">{SIG}</BA>
    </MS>"""
def rawonly(names, host):
    objs = []
    for k, n in enumerate(names):
        i = info(n)
        head = TN if k == 0 else '    <TNRef RefId="0" />'
        objs.append(f"""  <Obj RefId="{k}">
{head}
    <ToString>{tostring(i)}</ToString>
    <Props>
      <BA N="RawData">{base64.b64encode(i['der']).decode()}</BA>
    </Props>
{ms(host)}
  </Obj>""")
    return f'<Objs Version="1.1.0.1" {NS}>\n' + "\n".join(objs) + "\n</Objs>\n"
def full(certs, host):
    objs = []
    ref = 10
    for k, (n, fn, services, svcflag, key, lower, raw) in enumerate(certs):
        i = info(n)
        head = TN if k == 0 else '    <TNRef RefId="0" />'
        tp = i['tp'].lower() if lower else i['tp']
        rawline = f'\n      <BA N="RawData">{base64.b64encode(i["der"]).decode()}</BA>' if raw else ""
        objs.append(f"""  <Obj RefId="{k}">
{head}
    <ToString>{tostring(i)}</ToString>
    <Props>{rawline}
      <S N="FriendlyName">{fn}</S>
      <B N="HasPrivateKey">{str(key).lower()}</B>
      <B N="PrivateKeyExportable">true</B>
      <B N="IsSelfSigned">true</B>
      <DT N="NotAfter">{i['na'].strftime('%Y-%m-%dT%H:%M:%S')}+00:00</DT>
      <DT N="NotBefore">{i['nb'].strftime('%Y-%m-%dT%H:%M:%S')}+00:00</DT>
      <S N="Subject">{i['subject']}</S>
      <S N="Thumbprint">{tp}</S>
      <I32 N="PublicKeySize">2048</I32>
      <Obj N="Services" RefId="{ref}">
        <TN RefId="{ref}"><T>Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>
        <ToString>{services}</ToString>
        <I32>{svcflag}</I32>
      </Obj>
      <Obj N="Status" RefId="{ref+1}">
        <TN RefId="{ref+1}"><T>Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateStatus</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>
        <ToString>Valid</ToString>
        <I32>1</I32>
      </Obj>
      <Obj N="CertificateDomains" RefId="{ref+2}">
        <TN RefId="{ref+2}"><T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.SmtpDomainWithSubdomains, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T><T>System.Object</T></TN>
        <LST />
      </Obj>
    </Props>
{ms(host)}
  </Obj>""")
        ref += 3
    return f'<Objs Version="1.1.0.1" {NS}>\n' + "\n".join(objs) + "\n</Objs>\n"
def authconfig(cur, prev, nxt, eff, host):
    dn = "CN=Auth Configuration,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=lab"
    effl = f'<DT N="NextCertificateEffectiveDate">{eff}</DT>' if eff else '<Nil N="NextCertificateEffectiveDate" />'
    return f"""<Objs Version="1.1.0.1" {NS}>
  <Obj RefId="0">
    <TN RefId="0">
      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig</T>
      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ADConfigurationObject</T>
      <T>Microsoft.Exchange.Data.Directory.ADObject</T>
      <T>Microsoft.Exchange.Data.Directory.ADRawEntry</T>
      <T>Microsoft.Exchange.Data.ConfigurableObject</T>
      <T>System.Object</T>
    </TN>
    <ToString>Auth Configuration</ToString>
    <Props>
      <S N="CurrentCertificateThumbprint">{cur}</S>
      <S N="PreviousCertificateThumbprint">{prev}</S>
      <S N="NextCertificateThumbprint">{nxt}</S>
      {effl}
      <S N="ServiceName">00000002-0000-0ff1-ce00-000000000000</S>
      <S N="Realm"></S>
      <S N="Name">Auth Configuration</S>
      <S N="DistinguishedName">{dn}</S>
      <Obj N="Identity" RefId="1">
        <TN RefId="1"><T>Microsoft.Exchange.Data.Directory.ADObjectId</T><T>Microsoft.Exchange.Data.ObjectId</T><T>System.Object</T></TN>
        <ToString>Auth Configuration</ToString>
        <Props>
          <S N="Rdn">CN=Auth Configuration</S>
          <S N="Parent">Contoso</S>
          <S N="DistinguishedName">{dn}</S>
        </Props>
      </Obj>
      <Ref N="Id" RefId="1" />
      <DT N="WhenChangedUTC">2026-11-20T10:00:05Z</DT>
      <S N="OriginatingServer">DC1.contoso.lab</S>
      <B N="IsValid">true</B>
    </Props>
    <MS>
      <S N="PSComputerName">{host}</S>
      <B N="PSShowComputerName">false</B>
    </MS>
  </Obj>
</Objs>
"""
def server(name, fqdn):
    return f"""<Objs Version="1.1.0.1" {NS}>
  <Obj RefId="0">
    <TN RefId="0"><T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T><T>System.Object</T></TN>
    <ToString>{name}</ToString>
    <Props>
      <S N="Name">{name}</S>
      <S N="Fqdn">{fqdn}</S>
      <Obj N="AdminDisplayVersion" RefId="1"><TN RefId="1"><T>Microsoft.Exchange.Data.ServerVersion</T><T>System.Object</T></TN><ToString>Version 15.2 (Build 1544.4)</ToString></Obj>
      <Obj N="ServerRole" RefId="2"><TN RefId="2"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN><ToString>Mailbox</ToString><I32>2</I32></Obj>
      <Obj N="Site" RefId="3"><TN RefId="3"><T>Microsoft.Exchange.Data.Directory.ADObjectId</T><T>System.Object</T></TN><ToString>contoso.lab/Configuration/Sites/Default-First-Site-Name</ToString></Obj>
      <B N="IsEdgeServer">false</B>
    </Props>
  </Obj>
</Objs>
"""
cur, nxt, old, mail = (info(n) for n in ["auth-current", "auth-next", "auth-old", "mail"])
def w(path, text):
    p = os.path.join(OUT, path); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "w", newline="").write(text.replace("\n", "\r\n"))
w("ex01/authconfig.xml", authconfig(cur['tp'], old['tp'], nxt['tp'], "2026-11-28T11:00:00+01:00", "ex01.contoso.lab"))
w("ex01/certificates.xml", rawonly(["auth-current", "auth-next", "mail"], "ex01.contoso.lab"))
w("ex01/exchangeserver.xml", server("EX01", "ex01.contoso.lab"))
w("ex02/authconfig.xml", authconfig(cur['tp'], "", nxt['tp'], "2026-11-28T11:00:00+01:00", "ex02.contoso.lab"))
w("ex02/certificates.xml", full([("auth-current", "Microsoft Exchange Server Auth Certificate", "SMTP", 16, True, True, True),
                                 ("auth-old", "Microsoft Exchange Server Auth Certificate", "None", 0, False, False, False)], "ex02.contoso.lab"))
ms_ = lambda dt: "\\/Date(%d)\\/" % int(dt.timestamp() * 1000)
ac = {"CurrentCertificateThumbprint": cur['tp'].lower(), "PreviousCertificateThumbprint": "", "NextCertificateThumbprint": "",
      "NextCertificateEffectiveDate": None, "ServiceName": "00000002-0000-0ff1-ce00-000000000000", "Realm": "",
      "Name": "Auth Configuration",
      "DistinguishedName": "CN=Auth Configuration,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=lab",
      "WhenChangedUTC": ms_(datetime.datetime(2024,1,5,9,5,0,tzinfo=datetime.timezone.utc)), "IsValid": True}
cert = {"AccessRules": None, "CertificateDomains": [], "HasPrivateKey": True, "IsSelfSigned": True, "Issuer": cur['subject'],
        "NotAfter": ms_(cur['na']), "NotBefore": ms_(cur['nb']), "PublicKeySize": 2048, "RootCAType": 3, "SerialNumber": "1D9E0ED24826A397480CB16669F1B57D",
        "Services": 16, "Status": 1, "Subject": cur['subject'], "Thumbprint": cur['tp'], "FriendlyName": "Microsoft Exchange Server Auth Certificate",
        "PrivateKeyExportable": True, "RawData": list(cur['der']), "PSComputerName": "ex03.contoso.lab"}
def ps51(o):
    s = json.dumps(o, indent=4, ensure_ascii=True)
    return s.replace("\\\\/", "\\/").replace("\": ", "\":  ")
w("ex03/authconfig.json", "\ufeff" + ps51(ac) + "\n")
w("ex03/certificates.json", ps51(cert) + "\n")
w("ex04/README.txt", "The administrator forgot the exports.\n")
print(cur['tp'], nxt['tp'], old['tp'], mail['tp'])
