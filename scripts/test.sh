#!/bin/sh
# make test (and CI): every check, in stages that each say how long they took.
#
#   build   Confab with warnings as errors (BUILD_DIR, default build)
#   ctest   every test of that build but the fuzz targets
#   tidy    clang-tidy on the C++ files changed since a base (scripts/tidy.sh)
#   tsan    the audio and voice engine tests (unit and realtime) under ThreadSanitizer
#           (clang, TSAN_BUILD_DIR, default build-tsan)
#   asan    the unit tests under AddressSanitizer and UndefinedBehaviorSanitizer
#           (clang, FUZZ_BUILD_DIR, default build-fuzz)
#   fuzz    the libFuzzer targets, each for CONFAB_FUZZ_SECONDS (default 20),
#           from the same ASan+UBSan build
#
# Without clang++ the last three are skipped and say so. STAGES="build ctest"
# runs only the stages named (the build is then expected to exist for later ones).
# CTEST_EXCLUDE_LABELS (a ctest label regex, default fuzz) leaves labels out of
# the ctest stage, e.g. fuzz|netns|audio on a machine whose namespaces or
# sound server are busy.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)

BUILD_DIR=${BUILD_DIR:-build}
TSAN_BUILD_DIR=${TSAN_BUILD_DIR:-build-tsan}
FUZZ_BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
JOBS=${JOBS:-$(nproc)}
STAGES=${STAGES:-build ctest tidy tsan asan fuzz}
CTEST_EXCLUDE_LABELS=${CTEST_EXCLUDE_LABELS:-fuzz}
CONFAB_FUZZ_SECONDS=${CONFAB_FUZZ_SECONDS:-20}

# ccache, when there is one, makes a second run much faster; a clean
# machine without it builds everything as before.
launcher=
if command -v ccache >/dev/null 2>&1; then
    launcher=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi

# The sanitizer builds trade optimisation and full debug info for build
# time: line tables are all that readable reports need.
sanitizer_flags="-O1 -gline-tables-only -DNDEBUG"

# Known reports that are not Confab's to fix here; each entry says why.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$top/scripts/sanitizers/tsan.supp"
export ASAN_OPTIONS="detect_stack_use_after_return=1 strict_init_order=1 check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$top/scripts/sanitizers/lsan.supp print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1 suppressions=$top/scripts/sanitizers/ubsan.supp"

summary=
stage() {
    name=$1
    shift
    case " $STAGES " in
    *" $name "*) ;;
    *) return 0 ;;
    esac
    echo "test: ---- $name"
    started=$(date +%s)
    status=0
    "$@" || status=$?
    elapsed=$(($(date +%s) - started))
    line=$(printf '%-6s %4d s' "$name" "$elapsed")
    [ "$status" -eq 0 ] || line="$line  FAILED (exit $status)"
    echo "test: $line"
    summary="$summary
test:   $line"
    return "$status"
}

finish() {
    status=$?
    [ -z "$summary" ] || printf 'test: stage times%s\n' "$summary"
    exit "$status"
}
trap finish EXIT

# The ctest names of DIR's tests with label LABEL matching REGEX: their
# executables have the same names, so these are the targets to build.
test_targets() {
    ctest --test-dir "$1" -N -L "$2" -R "$3" --show-only=json-v1 |
        python3 -c 'import json, sys; print(" ".join(t["name"] for t in json.load(sys.stdin)["tests"]))'
}

have_clang() {
    if command -v clang++ >/dev/null 2>&1; then
        return 0
    fi
    echo "test: clang++ not found; $1 skipped"
    return 1
}

# shellcheck disable=SC2086 # $launcher is empty or one word
main_build() {
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONFAB_WERROR=ON $launcher &&
        cmake --build "$BUILD_DIR" -j "$JOBS"
}

main_tests() {
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" -LE "$CTEST_EXCLUDE_LABELS"
}

tidy() {
    BUILD_DIR=$BUILD_DIR JOBS=$JOBS scripts/tidy.sh
}

# core/audio has no Qt: its rings, wake signal and voice worker threads run
# alone under TSan, with only the libraries they need built.
# shellcheck disable=SC2086 # $launcher and $targets are lists of words
tsan() {
    have_clang "the ThreadSanitizer stage" || return 0
    CC=clang CXX=clang++ cmake -S . -B "$TSAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$sanitizer_flags" -DCONFAB_WERROR=ON \
        -DCONFAB_TSAN=ON $launcher >/dev/null &&
        targets=$(test_targets "$TSAN_BUILD_DIR" 'unit|realtime' '^audio_') &&
        cmake --build "$TSAN_BUILD_DIR" -j "$JOBS" --target $targets &&
        ctest --test-dir "$TSAN_BUILD_DIR" --output-on-failure -j "$JOBS" -L 'unit|realtime' -R '^audio_'
}

# One clang build with ASan+UBSan serves the unit tests and the fuzz targets.
# shellcheck disable=SC2086 # $launcher is empty or one word
sanitized_configure() {
    CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$sanitizer_flags" -DCONFAB_WERROR=ON \
        -DCONFAB_SANITIZE=ON -DCONFAB_FUZZ=ON -DCONFAB_FUZZ_SECONDS="$CONFAB_FUZZ_SECONDS" $launcher >/dev/null
}

# shellcheck disable=SC2086 # $targets is a list of words
asan() {
    have_clang "the AddressSanitizer stage" || return 0
    sanitized_configure &&
        targets=$(test_targets "$FUZZ_BUILD_DIR" unit .) &&
        cmake --build "$FUZZ_BUILD_DIR" -j "$JOBS" --target $targets &&
        ctest --test-dir "$FUZZ_BUILD_DIR" --output-on-failure -j "$JOBS" -L unit
}

fuzz() {
    have_clang "the fuzz stage" || return 0
    sanitized_configure &&
        cmake --build "$FUZZ_BUILD_DIR" -j "$JOBS" --target confab_fuzzers &&
        ctest --test-dir "$FUZZ_BUILD_DIR" --output-on-failure -j "$JOBS" -L fuzz
}

stage build main_build
stage ctest main_tests
stage tidy tidy
stage tsan tsan
stage asan asan
stage fuzz fuzz
