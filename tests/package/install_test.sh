#!/bin/sh
# The Debian package in a clean Debian 12: builds it, checks it with lintian,
# installs it with its dependencies into a fresh debootstrap root, runs the
# programs there and purges it again, leaving none of its files behind.
#
# Usage: install_test.sh BUILD_DIR
# Needs root (debootstrap, chroot, mount) and the Debian mirror of the
# machine's apt sources; exits 77 (skipped) with the reason when either is
# missing. The base root and the downloaded packages are kept between runs in
# CONFAB_PACKAGE_CACHE (default ~/.cache/confab-package-test).
set -eu

build=$(cd "$1" && pwd)
cache=${CONFAB_PACKAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confab-package-test}

skip() {
    echo "package test: skipped: $*"
    exit 77
}
fail() {
    echo "package test: FAILED: $*" >&2
    exit 1
}
step() {
    echo "package test: $*"
}

[ "$(id -u)" -eq 0 ] || skip "it needs root to make a Debian root with debootstrap and chroot into it"
for tool in debootstrap lintian dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (packaging/install-deps.sh installs it)"
done

# The first Debian mirror of the machine's apt sources (one-line or deb822).
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed -n -e 's/^deb \(\[[^]]*\] \)\{0,1\}\(https\{0,1\}:[^ ]*debian\/\{0,1\}\) .*/\2/p' \
        -e 's/^URIs: *\(https\{0,1\}:[^ ]*debian\/\{0,1\}\)$/\1/p' | head -n 1)
[ -n "$mirror" ] || skip "no Debian mirror in the machine's apt sources"

step "building the package"
rm -f "$build"/confab_*.deb
cmake --build "$build" --target package >"$build/package-build.log" 2>&1 || {
    cat "$build/package-build.log" >&2
    fail "cmake --build $build --target package"
}
deb=$(ls "$build"/confab_*.deb)
step "built $(basename "$deb")"
version=$(dpkg-deb --field "$deb" Version)

step "lintian"
lintian --fail-on error --suppress-tags-from-file /dev/null "$deb" || fail "lintian reports errors"

work=$(mktemp -d /var/tmp/confab-package-test.XXXXXX)
root="$work/root"
cleanup() {
    for mount in "$root/var/cache/apt/archives" "$root/proc" "$root/dev"; do
        if mountpoint -q "$mount" 2>/dev/null; then umount -l "$mount"; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$cache/archives/partial"
base="$cache/bookworm-minbase.tar"
if [ ! -f "$base" ]; then
    step "debootstrap bookworm from $mirror (kept in $cache)"
    debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 || {
        tail -n 20 "$work/debootstrap.log" >&2
        skip "debootstrap could not make a Debian 12 root from $mirror"
    }
    tar -C "$work/base" -cf "$base.partial" . && mv "$base.partial" "$base"
    rm -rf "$work/base"
fi
mkdir "$root"
tar -C "$root" -xf "$base"

# The machine's apt sources, so that the dependencies dpkg-shlibdeps computed
# from this machine's libraries are found at the same versions.
rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
cp -p /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
cp -p /etc/apt/sources.list.d/* "$root/etc/apt/sources.list.d/" 2>/dev/null || true
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount --bind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
in_root() {
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

cp "$deb" "$root/tmp/"
before="$work/before.txt"
(cd "$root" && find . -xdev | sort) >"$before"
step "apt-get install ./$(basename "$deb")"
in_root apt-get update -q >"$work/apt.log" 2>&1 || {
    cat "$work/apt.log" >&2
    fail "apt-get update in the Debian root"
}
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$work/apt.log" 2>&1 || {
    tail -n 30 "$work/apt.log" >&2
    fail "apt-get install of the package and its dependencies"
}

step "the programs in the Debian root"
for program in confab confabd confabctl; do
    [ "$(in_root "$program" --version)" = "$program $version" ] ||
        fail "$program --version says '$(in_root "$program" --version)', not '$program $version'"
done
# Starts PROGRAM on the profile in the root, asks the node for its status,
# stops it, and checks the name and the version it reports.
node_answers() {
    program=$1
    in_root sh -c "QT_QPA_PLATFORM=offscreen $program --profile /tmp/profile --discovery off \
        --listen 127.0.0.1:0 --name 'Package Test' >/tmp/$program.log 2>&1 & echo \$! >/tmp/$program.pid"
    status=""
    for _ in $(seq 1 150); do
        if status=$(in_root confabctl --profile /tmp/profile status 2>/dev/null); then break; fi
        sleep 0.2
    done
    in_root sh -c "kill \$(cat /tmp/$program.pid) 2>/dev/null; while kill -0 \$(cat /tmp/$program.pid) 2>/dev/null; do sleep 0.1; done"
    echo "$status" | grep -qx "name: Package Test" || {
        cat "$root/tmp/$program.log" >&2
        fail "confabctl status did not reach the node $program runs: '$status'"
    }
    echo "$status" | grep -qx "version: $version" || fail "$program's node reports another version than $version"
    step "confabctl status answers for the node $program runs (version $version)"
}
node_answers confabd
node_answers confab # on the profile confabd made, so without the first-run dialog
for file in usr/share/applications/confab.desktop usr/share/metainfo/org.confab.Confab.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/confab.svg usr/share/icons/hicolor/256x256/apps/confab.png \
    usr/share/man/man1/confabctl.1.gz usr/lib/systemd/user/confabd.service \
    usr/share/bash-completion/completions/confabctl usr/share/confab/translations/confab_de.qm; do
    [ -f "$root/$file" ] || fail "/$file is not installed"
done

step "apt-get purge confab"
in_root dpkg -L confab >"$work/files.txt"
in_root apt-get purge -y -q confab >>"$work/apt.log" 2>&1 || fail "apt-get purge confab"
left=""
while IFS= read -r path; do
    [ -e "$root$path" ] || [ -L "$root$path" ] || continue
    if [ -d "$root$path" ] && { in_root dpkg -S "$path" >/dev/null 2>&1 || grep -qx ".$path" "$before"; }; then
        continue # a folder another package or the base system holds too
    fi
    left="$left $path"
done <"$work/files.txt"
[ -z "$left" ] || fail "left behind after purge:$left"
step "passed: $(wc -l <"$work/files.txt") paths installed and removed again"
