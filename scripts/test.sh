#!/bin/sh
# Builds Confab with warnings as errors and runs every test through ctest,
# then builds the libFuzzer targets with clang and runs each briefly.
set -eu
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
FUZZ_BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
JOBS=${JOBS:-$(nproc)}

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONFAB_WERROR=ON
cmake --build "$BUILD_DIR" -j "$JOBS"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" -LE fuzz

if command -v clang++ >/dev/null 2>&1; then
    CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCONFAB_WERROR=ON -DCONFAB_FUZZ=ON -DCONFAB_FUZZ_SECONDS="${CONFAB_FUZZ_SECONDS:-20}"
    cmake --build "$FUZZ_BUILD_DIR" -j "$JOBS" --target confab_fuzzers
    ctest --test-dir "$FUZZ_BUILD_DIR" --output-on-failure -L fuzz
else
    echo "test: clang++ not found; fuzz targets skipped"
fi
