#!/bin/bash
# Checks the bash completion of confabctl by simulating completions.
#
#   bash tests/package/completion_check.sh --bin-dir build/app \
#       --completion packaging/completion/confabctl
#
# Each completion runs in a fresh bash that sources the completion, sets
# COMP_LINE, COMP_POINT, COMP_WORDS and COMP_CWORD as bash does for the line
# typed, and calls _confabctl. A fake confabctl first in PATH answers --help
# with the real one's help and `peers --json`, `rooms --json` and
# `transfers --json` with fixed answers, and records its arguments.
# Exits 0 when every check passes, else 1 with one line per failure.

set -u

usage()
{
    echo "usage: $0 --bin-dir DIR --completion FILE" >&2
    exit 2
}

bin_dir=""
completion=""
while (($#)); do
    case $1 in
        --bin-dir) bin_dir=${2-}; shift 2 || usage ;;
        --bin-dir=*) bin_dir=${1#*=}; shift ;;
        --completion) completion=${2-}; shift 2 || usage ;;
        --completion=*) completion=${1#*=}; shift ;;
        *) usage ;;
    esac
done
[[ -n $bin_dir && -n $completion ]] || usage
real=$(cd "$bin_dir" 2>/dev/null && pwd)/confabctl
if [[ ! -x $real ]]; then
    echo "FAIL: no confabctl in $bin_dir" >&2
    exit 1
fi
if [[ ! -r $completion ]]; then
    echo "FAIL: cannot read $completion" >&2
    exit 1
fi
completion=$(cd "$(dirname "$completion")" && pwd)/$(basename "$completion")

work=$(mktemp -d "${TMPDIR:-/tmp}/confabctl-completion.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/files/photos" "$work/my profile"
: >"$work/files/report.txt"

# The fake confabctl. FAKE_FAIL=1 makes it act as when no node runs.
cat >"$work/bin/confabctl" <<EOF
#!/bin/bash
printf '%s\n' "\$*" >>"$work/calls.log"
for argument in "\$@"; do
    if [[ \$argument == --help ]]; then
        exec "$real" --help
    fi
done
if [[ \${FAKE_FAIL-} == 1 ]]; then
    echo "confabctl: No Confab node is running for the profile." >&2
    exit 3
fi
words=" \$* "
case \$words in
    *" peers --json "*)
        echo '[{"id":"w4pgxwxwk3e3vkvegpm64klsabnx2y6k","name":"Ada Lovelace","announced_name":"Ada Lovelace","nickname":"","connected":true},{"id":"5zbfqqdkcck6v7mhjdormv6zvirrew2j","name":"grace","announced_name":"Grace Hopper","nickname":"grace","connected":false}]'
        ;;
    *" rooms --json "*)
        echo '[{"id":"bfa4d447b4bf0a23a720885d54fbd1e5","name":"Field team","members":[{"peer":"w4pgxwxwk3e3vkvegpm64klsabnx2y6k","name":"Member Only","admin":false}],"left":false}]'
        ;;
    *" transfers --json "*)
        echo '[{"id":"4f1c0a9e2b7d4c1e8f3a6b5d0c9e8f7a","peer":"w4pgxwxwk3e3vkvegpm64klsabnx2y6k","state":"offered"}]'
        ;;
    *)
        echo "confabctl: the fake does not know '\$*'" >&2
        exit 2
        ;;
esac
EOF
chmod +x "$work/bin/confabctl"

failures=0
fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Completes the line $1 (the cursor at its end); the replies land in
# `replies`, anything the completion printed in $work/printed.
replies=()
complete_line()
{
    local line=$1
    : >"$work/calls.log"
    mapfile -d '' -t replies < <(
        PATH="$work/bin:$PATH" bash --norc --noprofile -c '
            source "$1" >"$2" 2>&1 || exit 9
            complete -p confabctl 2>/dev/null | grep -q -- "-F _confabctl" || exit 8
            COMP_LINE=$3
            COMP_POINT=${#3}
            # The words as bash splits them (well enough for these lines).
            read -ra COMP_WORDS <<<"$3"
            [[ $3 == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_TYPE=9
            COMP_KEY=9
            _confabctl confabctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" >>"$2" 2>&1
            ((${#COMPREPLY[@]} == 0)) || printf "%s\0" "${COMPREPLY[@]}"
        ' complete "$completion" "$work/printed" "$line"
    )
    local status=$?
    if [[ -s $work/printed ]]; then
        fail "'$line': the completion printed: $(head -c 300 "$work/printed")"
    fi
    return $status
}

offered()
{
    local want=$1 reply
    for reply in "${replies[@]}"; do
        [[ $reply == "$want" ]] && return 0
    done
    return 1
}

show()
{
    local IFS='|'
    echo "[${replies[*]}]"
}

# 1. Commands: every command of `confabctl --help`, and by prefix.
mapfile -t commands < <("$real" --help | awk '/^Commands:/ {on = 1; next} on && /^$/ {exit}
    on && /^  [a-z]/ {print $1}')
if ((${#commands[@]} < 10)); then
    fail "could not read the commands from $real --help (found ${#commands[@]})"
fi
complete_line "confabctl " || fail "the completion did not load (status $?)"
for command in "${commands[@]}"; do
    offered "$command" || fail "'confabctl ' does not offer the command $command"
done

complete_line "confabctl se"
for command in send send-file search; do
    offered "$command" || fail "'confabctl se' does not offer $command: $(show)"
done
offered status && fail "'confabctl se' offers status: $(show)"

complete_line "confabctl --profile /tmp/x wait-m"
offered wait-message || fail "'confabctl --profile /tmp/x wait-m' does not offer wait-message: $(show)"

# 2. Options.
complete_line "confabctl send-file --"
offered --json || fail "'confabctl send-file --' does not offer --json: $(show)"
offered --profile || fail "'confabctl send-file --' does not offer --profile: $(show)"

offered --version && fail "'confabctl send-file --' offers --version, which no command takes: $(show)"

complete_line "confabctl --v"
offered --version || fail "'confabctl --v' does not offer --version: $(show)"

complete_line "confabctl history bob --"
offered --limit || fail "'confabctl history bob --' does not offer --limit: $(show)"

complete_line "confabctl wait-message --t"
offered --timeout || fail "'confabctl wait-message --t' does not offer --timeout: $(show)"

complete_line "confabctl accept 4f1c --"
offered --to || fail "'confabctl accept 4f1c --' does not offer --to: $(show)"

# 3. Peers from the node, quoted.
complete_line "confabctl send-file A"
if ((${#replies[@]} != 1)) || [[ ${replies[0]} != 'Ada\ Lovelace' ]]; then
    fail "'confabctl send-file A' should complete to Ada\\ Lovelace, got $(show)"
elif [[ $(eval "printf '%s' ${replies[0]}") != "Ada Lovelace" ]]; then
    fail "'confabctl send-file A' completes to ${replies[0]}, which the shell does not read as Ada Lovelace"
fi
grep -q -x -- "peers --json" "$work/calls.log" ||
    fail "'confabctl send-file A' did not run 'confabctl peers --json'; calls: $(tr '\n' ';' <"$work/calls.log")"

complete_line "confabctl send "
for peer in 'Ada\ Lovelace' grace 'Grace\ Hopper' w4pgxwxwk3e3vkvegpm64klsabnx2y6k; do
    offered "$peer" || fail "'confabctl send ' does not offer $peer: $(show)"
done

complete_line 'confabctl send "Ada'
if ((${#replies[@]} != 1)) || [[ ${replies[0]} != 'Ada Lovelace' ]]; then
    fail "'confabctl send \"Ada' should complete to Ada Lovelace (inside the quotes), got $(show)"
fi

complete_line "confabctl search --peer gr"
offered grace || fail "'confabctl search --peer gr' does not offer grace: $(show)"

# 4. --profile given on the line goes to the node call.
complete_line "confabctl --profile '$work/my profile' send-file A"
offered 'Ada\ Lovelace' || fail "'confabctl --profile ... send-file A' does not offer Ada: $(show)"
grep -q -x -F -- "--profile $work/my profile peers --json" "$work/calls.log" ||
    fail "--profile was not passed to the peers call; calls: $(tr '\n' ';' <"$work/calls.log")"

complete_line "confabctl --json --profile=/tmp/other send A"
grep -q -x -F -- "--profile /tmp/other peers --json" "$work/calls.log" ||
    fail "--profile=DIR was not passed to the peers call; calls: $(tr '\n' ';' <"$work/calls.log")"

# 5. Rooms and file drops.
complete_line "confabctl room-send F"
if ((${#replies[@]} != 1)) || [[ ${replies[0]} != 'Field\ team' ]]; then
    fail "'confabctl room-send F' should complete to Field\\ team, got $(show)"
fi
grep -q -x -- "rooms --json" "$work/calls.log" || fail "'confabctl room-send F' did not run 'confabctl rooms --json'"
complete_line "confabctl room-send M"
offered 'Member\ Only' && fail "'confabctl room-send M' offers a member's name as a room: $(show)"

complete_line "confabctl accept 4f"
offered 4f1c0a9e2b7d4c1e8f3a6b5d0c9e8f7a || fail "'confabctl accept 4f' does not offer the file drop: $(show)"

complete_line "confabctl status-set a"
offered available || fail "'confabctl status-set a' does not offer available: $(show)"

# 6. Files and folders.
complete_line "confabctl send-file Ada\\ Lovelace $work/files/r"
offered "$work/files/report.txt" || fail "'send-file PEER $work/files/r' does not offer report.txt: $(show)"

complete_line "confabctl send-file grace $work/files/report.txt $work/files/p"
offered "$work/files/photos/" || fail "a second PATH of send-file does not complete: $(show)"

complete_line "confabctl avatar-set $work/files/re"
offered "$work/files/report.txt" || fail "'avatar-set FILE' does not complete files: $(show)"

complete_line "confabctl accept 4f1c --to $work/f"
offered "$work/files/" || fail "'accept ID --to' does not offer folders: $(show)"
complete_line "confabctl accept 4f1c --to $work/files/"
offered "$work/files/report.txt" && fail "'accept ID --to' offers files: $(show)"

complete_line "confabctl --profile $work/my"
offered "$work/my\\ profile/" || fail "'--profile' does not offer folders, quoted: $(show)"

# 7. Quiet when no node runs.
export FAKE_FAIL=1
complete_line "confabctl send-file A"
((${#replies[@]} == 0)) || fail "with no node running, 'send-file A' offers $(show)"
unset FAKE_FAIL

if ((failures)); then
    echo "completion check: $failures failures"
    exit 1
fi
echo "completion check: ${#commands[@]} commands and every check passed"
exit 0
