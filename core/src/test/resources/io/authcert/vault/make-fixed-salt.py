# Writes the fixed-salt vectors with ansible-core's own VaultLib (the salt argument ansible-vault's CLI does not expose in 2.14).
from ansible.parsing.vault import VaultLib, VaultSecret
plain = open('plain.yml', 'rb').read()
salt = b'fixed-salt-for-authcert-tests-32'
open('v11-fixed-salt.vault', 'wb').write(VaultLib().encrypt(plain, VaultSecret(b'fixture-pass-11'), salt=salt))
open('v12-prod-fixed-salt.vault', 'wb').write(VaultLib().encrypt(plain, VaultSecret(b'fixture-pass-prod'), vault_id='prod', salt=salt))
