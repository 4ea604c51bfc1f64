#!/bin/sh
# Stand-in for powershell.exe in tests on Linux. It checks the arguments the engine passes, reads the
# script from stdin like the real bootstrap does, and acts on markers in the script:
#   #fake:sleep  never finishes (the engine must stop it at its timeout)
#   #fake:fail   writes a CLIXML error to stderr and exits 1, as powershell.exe does
#   #fake:gather prints the file named by the first line "#fake:gather PATH"
#   otherwise    echoes the arguments (line 1) and the script back
[ "$1" = "-NoLogo" ] && [ "$2" = "-NoProfile" ] && [ "$3" = "-NonInteractive" ] || { echo "unexpected arguments: $*" >&2; exit 97; }
[ "$6" = "-EncodedCommand" ] && [ -n "$7" ] || { echo "no -EncodedCommand" >&2; exit 98; }
script=$(cat)
case "$script" in
  *"#fake:sleep"*) exec sleep 60 ;;
  *"#fake:fail"*)
    printf '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Get-AuthConfig : Active Directory operation failed on dc1. This error is not retriable._x000D__x000A_</S><S S="Error">    + CategoryInfo          : NotSpecified: (:) [Get-AuthConfig], ADTransientException_x000D__x000A_</S></Objs>' >&2
    exit 1 ;;
  "#fake:gather "*)
    path=$(printf '%s\n' "$script" | head -n 1 | cut -d' ' -f2-)
    cat "$path"
    exit 0 ;;
esac
printf 'ARGS:%s\n' "$*"
printf '%s' "$script"
