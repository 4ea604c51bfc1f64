"""An independent Kerberos initiator (MIT via python-gssapi) that seals messages the way pywinrm does.

Line protocol on stdin/stdout, base64 per line: prints the first context token, reads the acceptor's
reply, then prints "header data" for a pywinrm-style wrap of argv[2] (gss_wrap_iov with header, data
and padding buffers, as pykerberos' authGSSWinRMEncryptMessage and pyspnego do), then reads "header data"
from the acceptor and prints the unwrapped text in base64.
"""
import base64
import sys

import gssapi
from gssapi.raw import IOV, IOVBufferType, unwrap_iov, wrap_iov

b64 = lambda b: base64.b64encode(b).decode()
name = gssapi.Name(sys.argv[1], gssapi.NameType.hostbased_service)
flags = [gssapi.RequirementFlag.mutual_authentication, gssapi.RequirementFlag.delegate_to_peer,
         gssapi.RequirementFlag.confidentiality, gssapi.RequirementFlag.integrity,
         gssapi.RequirementFlag.out_of_sequence_detection]
ctx = gssapi.SecurityContext(name=name, usage="initiate", flags=flags, mech=gssapi.MechType.kerberos)
print(b64(ctx.step()), flush=True)
reply = base64.b64decode(sys.stdin.readline())
ctx.step(reply)
assert ctx.complete, "context not established after the acceptor's reply"

iov = IOV(IOVBufferType.header, sys.argv[2].encode(), IOVBufferType.padding, std_layout=False)
wrap_iov(ctx, iov, confidential=True)
header, data, padding = iov[0].value, iov[1].value, iov[2].value or b""
print(b64(header), b64(data + padding), flush=True)

header, data = (base64.b64decode(x) for x in sys.stdin.readline().split())
iov = IOV((IOVBufferType.header, False, header), data, std_layout=False)
unwrap_iov(ctx, iov)
print(b64(iov[1].value), flush=True)
