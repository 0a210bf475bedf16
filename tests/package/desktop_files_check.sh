#!/bin/sh
# The desktop entry and the AppStream metadata pass their validators, and the
# metadata's newest release and the package changelog's newest entry are the
# project's version (so that a version bump cannot forget either).
#
# Usage: desktop_files_check.sh DESKTOP_FILE METAINFO_FILE CHANGELOG VERSION
set -eu
desktop=$1
metainfo=$2
changelog=$3
version=$4
status=0

desktop-file-validate "$desktop" || {
    echo "desktop-file-validate finds fault with $desktop"
    status=1
}
appstreamcli validate --no-net --no-color "$metainfo" || {
    echo "appstreamcli validate finds fault with $metainfo"
    status=1
}
newest_release=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$metainfo" | head -n 1)
[ "$newest_release" = "$version" ] || {
    echo "the newest release in $metainfo is '$newest_release', not the project's version $version"
    status=1
}
newest_entry=$(sed -n '1s/^confab (\([^)]*\)).*/\1/p' "$changelog")
[ "$newest_entry" = "$version" ] || {
    echo "the newest entry of $changelog is '$newest_entry', not the project's version $version"
    status=1
}
[ "$status" -ne 0 ] || echo "desktop entry and AppStream metadata: valid, release $version"
exit "$status"
