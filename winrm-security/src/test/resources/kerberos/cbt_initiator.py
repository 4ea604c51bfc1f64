"""An MIT Kerberos initiator (python-gssapi) that prints its first context token, in base64, bound as told.

argv: service (HTTP@host), how (none | unspec | nulladdr), application data in base64.
"unspec" is what requests_kerberos' send_cbt and pyspnego send over HTTPS: gss_channel_bindings_struct
with GSS_C_AF_UNSPEC (0) address types and the tls-server-end-point application data; "nulladdr" uses
GSS_C_AF_NULLADDR (255), the type JGSS's public ChannelBinding(byte[]) hashes.
"""
import base64
import sys

import gssapi
from gssapi.raw import ChannelBindings

service, how, application = sys.argv[1], sys.argv[2], base64.b64decode(sys.argv[3])
bindings = None
if how == "unspec":
    bindings = ChannelBindings(application_data=application)
elif how == "nulladdr":
    bindings = ChannelBindings(initiator_address_type=255, acceptor_address_type=255, application_data=application)
name = gssapi.Name(service, gssapi.NameType.hostbased_service)
ctx = gssapi.SecurityContext(name=name, usage="initiate", mech=gssapi.MechType.kerberos,
                             flags=[gssapi.RequirementFlag.mutual_authentication], channel_bindings=bindings)
print(base64.b64encode(ctx.step()).decode(), flush=True)
