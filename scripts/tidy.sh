#!/bin/sh
# Runs clang-tidy (.clang-tidy at the top) over Confab's C++ files; exits 1
# when it finds anything.
#
#   scripts/tidy.sh                  the .cpp files changed since the base (below)
#   scripts/tidy.sh --all            every .cpp file of core/, ui/, app/ and tests/
#   scripts/tidy.sh --all --update-base
#                                    the same, and when it is clean, records HEAD
#                                    in scripts/tidy-clean-base
#   scripts/tidy.sh --base COMMIT    the files changed since COMMIT
#   -j N                             checks N files at once (default: nproc)
#
# A whole run takes about 10 s of CPU per file (the Qt headers), far too long
# for every test run, so by default only the files changed since a base are
# checked: on a branch (HEAD not in origin/main, or main without that remote)
# the branch's merge base with it; otherwise the newest commit recorded clean in
# scripts/tidy-clean-base. Only .cpp files that compile_commands.json knows
# are checked; a changed header brings in the .cpp file of the same name, and
# headers are checked through the files that include them (HeaderFilterRegex
# for --all; only the changed headers otherwise).
#
# Needs a tree configured with Ninja (BUILD_DIR, default build); it builds the
# code that moc generates, which some files include.
set -eu
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
BASE_FILE=scripts/tidy-clean-base
mode=changed
base=
update_base=false

while [ $# -gt 0 ]; do
    case $1 in
    --all) mode=all ;;
    --base)
        [ $# -ge 2 ] || { echo "tidy: --base needs a commit" >&2; exit 2; }
        base=$2
        shift
        ;;
    --base=*) base=${1#--base=} ;;
    --update-base) update_base=true ;;
    -j)
        [ $# -ge 2 ] || { echo "tidy: -j needs a number" >&2; exit 2; }
        JOBS=$2
        shift
        ;;
    -j*) JOBS=${1#-j} ;;
    -h | --help)
        sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "tidy: unknown argument '$1' (see scripts/tidy.sh --help)" >&2
        exit 2
        ;;
    esac
    shift
done

if $update_base && [ "$mode" != all ]; then
    echo "tidy: --update-base needs --all: only a check of every file can say the tree is clean" >&2
    exit 2
fi
if ! command -v clang-tidy >/dev/null 2>&1; then
    echo "tidy: clang-tidy not found (packaging/install-deps.sh installs it)" >&2
    exit 1
fi
if [ ! -f "$BUILD_DIR/compile_commands.json" ]; then
    echo "tidy: $BUILD_DIR/compile_commands.json is missing: configure and build first" >&2
    exit 1
fi

# Some files include code that moc generates: build that, and only that.
if [ -f "$BUILD_DIR/build.ninja" ]; then
    autogen=$(ninja -C "$BUILD_DIR" -t targets all | sed -n 's|^\(.*/\)\{0,1\}\([^/:]*_autogen\): phony$|\2|p' | sort -u)
    if [ -n "$autogen" ]; then
        # shellcheck disable=SC2086
        cmake --build "$BUILD_DIR" --target $autogen >/dev/null
    fi
fi

# The recorded clean base: the first line of the file that is not a comment.
recorded_base() {
    [ -f "$BASE_FILE" ] && sed -n '/^[[:space:]]*#/d; /^[[:space:]]*$/d; p' "$BASE_FILE" | head -n 1
}

if [ "$mode" = changed ] && [ -z "$base" ]; then
    # origin/main in a clone; a checkout without that remote has main.
    mainline=origin/main
    git rev-parse --verify --quiet "$mainline" >/dev/null || mainline=main
    if git rev-parse --verify --quiet "$mainline" >/dev/null &&
        ! git merge-base --is-ancestor HEAD "$mainline"; then
        base=$(git merge-base HEAD "$mainline")
        echo "tidy: base $base (merge base with $mainline)"
    else
        base=$(recorded_base || true)
        if [ -n "$base" ]; then
            echo "tidy: base $base (the newest commit checked clean, from $BASE_FILE)"
        else
            # Nothing was ever checked clean: the newest commit's changes are
            # what this run can vouch for.
            base=$(git rev-parse --verify --quiet 'HEAD~1^{commit}') || {
                echo "tidy: no clean commit recorded in $BASE_FILE and no parent of HEAD in this clone" >&2
                exit 1
            }
            echo "tidy: no clean commit recorded in $BASE_FILE yet; base $base (HEAD~1)"
        fi
    fi
elif [ -n "$base" ]; then
    echo "tidy: base $base"
fi
if [ -n "$base" ] && ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    echo "tidy: the base commit $base is not in this clone (a shallow clone?); fetch more history" >&2
    echo "tidy: or run scripts/tidy.sh --all" >&2
    exit 1
fi

list=$(mktemp)
report=$(mktemp -d)
trap 'rm -rf "$list" "$list.known" "$report"' EXIT INT TERM

# Every source file of the tree that the build compiles, relative to the top.
python3 - "$BUILD_DIR/compile_commands.json" "$(pwd)" >"$list.known" <<'EOF'
import json, os, sys
top = os.path.realpath(sys.argv[2])
files = set()
for entry in json.load(open(sys.argv[1])):
    path = os.path.realpath(os.path.join(entry.get("directory", ""), entry["file"]))
    relative = os.path.relpath(path, top)
    if relative.endswith(".cpp") and relative.split(os.sep)[0] in ("core", "ui", "app", "tests"):
        files.add(relative)
print("\n".join(sorted(files)))
EOF
if [ "$mode" = all ]; then
    cp "$list.known" "$list"
else
    # Committed and uncommitted changes alike; deleted files are gone.
    git diff --name-only --diff-filter=d "$base" -- core ui app tests |
        sed -n 's/\.h$/.cpp/; /\.cpp$/p' | sort -u | grep -Fxf "$list.known" >"$list" || true
fi
rm -f "$list.known"

# Findings in a header count where the header changed too: an unchanged header
# included by a changed file is the full run's business, not this change's.
header_filter=
if [ "$mode" = changed ]; then
    header_filter=$(git diff --name-only --diff-filter=d "$base" -- core ui app tests |
        sed -n 's/[.]/[.]/g; /[.]]h$/p' | paste -sd '|' -)
    header_filter="--header-filter=(${header_filter:-^\$})\$"
fi
count=$(grep -c . "$list" || true)
echo "tidy: $count file(s) to check with $JOBS job(s)"

if [ "$count" -gt 0 ]; then
    # One report per file, printed whole, so parallel runs do not interleave.
    export BUILD_DIR report header_filter
    # shellcheck disable=SC2016
    xargs -P "$JOBS" -I{} sh -c '
        out=$(clang-tidy -p "$BUILD_DIR" --quiet ${header_filter:+"$header_filter"} "$1" 2>&1) && exit 0
        printf "%s\n" "$out" | grep -v "^[0-9]* warnings\{0,1\} generated\.$" >"$report/$(printf %s "$1" | tr / _)"
        printf "tidy: findings in %s\n" "$1"
        exit 0' sh {} <"$list"
fi

failed=$(find "$report" -type f | wc -l)
if [ "$failed" -gt 0 ]; then
    cat "$report"/*
    echo "tidy: $failed of $count file(s) have findings"
    exit 1
fi
echo "tidy: clean ($count file(s))"

if $update_base; then
    if ! git diff --quiet HEAD -- core ui app tests .clang-tidy; then
        echo "tidy: the checked files differ from HEAD; commit them first, then run again to record the base" >&2
        exit 1
    fi
    head=$(git rev-parse HEAD)
    {
        echo "# The newest commit at which scripts/tidy.sh --all found every file clean."
        echo "# scripts/tidy.sh (and so make test) checks the files changed since it."
        echo "$head"
    } >"$BASE_FILE"
    echo "tidy: recorded $head in $BASE_FILE"
fi
