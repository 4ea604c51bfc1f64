#!/bin/sh
# Regenerates the golden outputs with the real ansible-inventory (ansible-core). Run from this directory.
# Runs from /tmp so that no group_vars/ of the current directory leak into the result.
set -e
here=$(pwd)
gen() { name=$1; shift
  (cd /tmp && ansible-inventory "$@" --list) > "$here/$name.list.json"
  (cd /tmp && ansible-inventory "$@" --graph) > "$here/$name.graph.txt"
}
gen yaml-nested -i "$here/yaml-nested"
gen ini-basic -i "$here/ini-basic/hosts.ini"
gen dir-inventory -i "$here/dir-inventory"
gen multiple -i "$here/dir-inventory" -i "$here/second/hosts"
gen vaulted -i "$here/vaulted" --vault-password-file "$here/vault-password.txt"
# The example users start from (repository root); its vault password is the committed example.
prod="$here/../../../../../../../inventory/production"
gen production -i "$prod" --vault-password-file "$prod/vault-password.example"
(cd /tmp && ansible-inventory -i "$here/yaml-nested" --graph --vars) > "$here/yaml-nested.graph-vars.txt"
# Host patterns: what `ansible PATTERN --list-hosts` selects, one line per pattern (PATTERN<TAB>hosts, sorted).
while IFS= read -r p; do
  printf '%s\t%s\n' "$p" "$(cd /tmp && ansible "$p" -i "$here/yaml-nested" --list-hosts 2>/dev/null | tail -n +2 | sed 's/^ *//' | sort | tr '\n' ' ' | sed 's/ $//')"
done < "$here/patterns.txt" > "$here/yaml-nested.patterns.tsv"
# An inventory file encrypted as a whole (made once with: ansible-vault encrypt --vault-password-file vault-password.txt).
(cd /tmp && ansible-inventory -i "$here/whole-file-vault/hosts" --vault-password-file "$here/vault-password.txt" --list) > "$here/whole-file-vault.list.json"
