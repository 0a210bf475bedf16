#!/bin/sh
# Installs what Confab needs to build, run and test on Debian 12.
# Idempotent: only missing packages are installed. Runs apt-get as root, or
# through sudo when started by another user.
set -eu

PACKAGES="
build-essential cmake ninja-build pkg-config git
qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite
libsodium-dev libqrencode-dev
libopus-dev portaudio19-dev libwebrtc-audio-processing-dev libspeexdsp-dev libsndfile1-dev
qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
sox espeak-ng
pipewire pipewire-bin pipewire-pulse pipewire-alsa wireplumber
libavahi-client-dev avahi-daemon avahi-utils dbus python3-zeroconf iproute2 nftables
libgtest-dev
python3
xvfb xauth openbox xdotool x11-apps x11-utils netpbm zbar-tools
libqt6svg6 fonts-noto-color-emoji desktop-file-utils
clang libclang-rt-14-dev
librsvg2-bin dpkg-dev file appstream lintian debootstrap bash-completion man-db groff-base
"

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages are present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: run this script as root (or install sudo) to install them" >&2
    exit 1
fi

echo "install-deps: installing$missing"
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
