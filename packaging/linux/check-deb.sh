#!/usr/bin/env bash
# Packaging check, run by .ci/run after `mvn -B verify` (needs root for dpkg): builds the Linux app image and
# .deb with packaging/linux/build.sh, installs the .deb, runs the installed launcher headless from an unrelated
# directory (--version, datasets, info twice to time the native-library extraction, a small kernel job on the
# bundled sample data), removes the package and checks that nothing of it is left. Exits non-zero on any failure.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

PKG=ntk-explorer
APP=/opt/$PKG
LAUNCHER=$APP/bin/$PKG
MENU=/usr/share/applications/$PKG.desktop

note() { echo "check-deb: [${SECONDS}s] $*"; }
fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "must run as root (it installs and removes a package with dpkg)"

installed=0
scratch=$(mktemp -d)
cleanup() {
  # A failed check must not leave the package behind, or the next run would test a stale install.
  if [ "$installed" = 1 ]; then dpkg -P "$PKG" >/dev/null 2>&1 || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# dpkg-deb's default xz took 3.6 of the 4.3 minutes of a build on two cores, for a file 2.5% smaller (184 MiB
# against 189 MiB with zstd, which takes seconds); the compressor changes nothing that is installed, so the
# check uses zstd. Release builds keep dpkg-deb's default.
export DPKG_DEB_COMPRESSOR_TYPE=zstd

build=()
if [ -f target/ntk-explorer.jar ] && [ -d target/lib ]; then build=(--reuse-build); fi
note "building the app image and .deb"
packaging/linux/build.sh ${build[@]+"${build[@]}"} || fail "packaging/linux/build.sh exited with $?"
debs=(target/installers/"${PKG}"_*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || fail "expected one target/installers/${PKG}_*.deb, found: ${debs[*]}"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
version=${version%-*}

if dpkg -s "$PKG" >/dev/null 2>&1; then
  note "removing an earlier install of $PKG"
  dpkg -r "$PKG" >/dev/null || fail "could not remove the earlier install of $PKG"
fi

# dpkg -i does not fetch dependencies: install the missing ones with apt first.
missing=()
IFS=',' read -ra deps <<<"$(dpkg-deb -f "$deb" Depends)"
for d in "${deps[@]}"; do
  d=${d%%|*}; d=${d%%(*}; d=${d// /}
  [ -z "$d" ] || dpkg -s "$d" >/dev/null 2>&1 || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
  note "installing dependencies: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get could not install ${missing[*]}"
fi

note "dpkg -i $deb ($(du -h "$deb" | cut -f1))"
installed=1
dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb"
[ -x "$LAUNCHER" ] || fail "no launcher at $LAUNCHER"
[ -f "$MENU" ] || fail "no menu entry $MENU"
grep -qx "Name=NTK Explorer" "$MENU" || fail "$MENU does not name the app NTK Explorer"
grep -qx "Exec=$LAUNCHER" "$MENU" || fail "$MENU does not start $LAUNCHER"
icon=$(sed -n 's/^Icon=//p' "$MENU")
[ -f "$icon" ] || fail "menu icon $icon is missing"
note "installed: $(du -sh "$APP" | cut -f1) in $APP"

# Headless, and away from the repository, so the sample data can only come from the installed app directory.
cd "$scratch"
unset DISPLAY WAYLAND_DISPLAY
out=$("$LAUNCHER" --version) || fail "$LAUNCHER --version exited with $?"
[ "$out" = "NTK Explorer $version" ] || fail "--version printed '$out', expected 'NTK Explorer $version'"
note "--version: $out"

"$LAUNCHER" datasets >datasets.txt 2>&1 || { cat datasets.txt >&2; fail "datasets exited non-zero"; }
grep -q "$APP/lib/app/sample-data" datasets.txt \
  || { cat datasets.txt >&2; fail "datasets does not show the sample data in $APP/lib/app/sample-data"; }
note "datasets: sample data found in $APP/lib/app/sample-data"

# JavaCPP unpacks the native libraries into its cache on the first start only. A fresh cache directory, given
# through JAVA_TOOL_OPTIONS (read by the JVM whatever the launcher), shows the cost of that first start.
export JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=$scratch/javacpp-cache"
timed_info() {
  local t0 t1
  t0=$(date +%s.%N)
  "$LAUNCHER" info >info.txt 2>&1 || { cat info.txt >&2; fail "info exited non-zero"; }
  t1=$(date +%s.%N)
  grep -q "^backend .*CPU" info.txt || { cat info.txt >&2; fail "info does not report the CPU backend"; }
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'
}
first=$(timed_info)
second=$(timed_info)
note "info: first start ${first}s (native libraries unpacked, $(du -sh "$scratch/javacpp-cache" | cut -f1)), second ${second}s"

kout="$scratch/kernel"
"$LAUNCHER" kernel --n 20 --classes 0,1 --depth 1 --width 16 --out "$kout" >kernel.txt 2>&1 \
  || { cat kernel.txt >&2; fail "kernel exited non-zero"; }
[ -s "$kout/kernel.npy" ] || { cat kernel.txt >&2; fail "kernel wrote no $kout/kernel.npy"; }
note "kernel: $(ls "$kout" | tr '\n' ' ')"
unset JAVA_TOOL_OPTIONS
cd "$ROOT"

note "dpkg -r $PKG"
dpkg -r "$PKG" >/dev/null || fail "dpkg -r $PKG"
installed=0
state=$(dpkg-query -W -f='${db:Status-Status}' "$PKG" 2>/dev/null || true)
# "config-files" is what dpkg -r leaves of any package with a postrm (jpackage writes one); purge clears it.
case "$state" in
  not-installed|config-files|"") ;;
  *) fail "$PKG is still $state after dpkg -r" ;;
esac
[ ! -e "$APP" ] || fail "$APP is still there after removal: $(find "$APP" | head -5 | tr '\n' ' ')"
[ ! -e "$MENU" ] || fail "$MENU is still there after removal"
dpkg -P "$PKG" >/dev/null || fail "dpkg -P $PKG"
note "OK: built, installed, ran and removed $deb"
