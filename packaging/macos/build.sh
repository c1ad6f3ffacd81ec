#!/usr/bin/env bash
# Builds the macOS app bundle and .dmg of NTK Explorer from a clone, on the Mac type it is for (Intel or Apple
# silicon: the native libraries differ):
#   packaging/macos/build.sh [--reuse-build] [--app-image-only] [-- MAVEN_ARGS...]
# Results: target/installers/NTK Explorer-<version>.dmg and the bundle target/packaging/cpu/image/NTK Explorer.app.
# Needs a JDK 17 with jpackage and Maven. The app is not signed: see "Install" in README.md for Gatekeeper.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$ROOT/packaging/common.sh"

case "$(uname -m)" in
  x86_64) PLATFORM=macosx-x86_64 FX_CLASSIFIER=mac ;;
  arm64) PLATFORM=macosx-arm64 FX_CLASSIFIER=mac-aarch64 ;;
  *) die "no native libraries for $(uname -m)" ;;
esac
parse_args "$@"
[ "$CUDA" = 1 ] && die "ND4J has no CUDA backend for macOS"
NAME="NTK Explorer"
JPACKAGE=$(jdk_tool jpackage)

build_jar
check_lib
VERSION=$(app_version)
stage_input
make_runtime

# jpackage refuses a macOS app version whose first number is 0 (CFBundleVersion rules it applies). The bundle is
# built with that number raised to 1, then its Info.plist is given the real version, and the .dmg is made from
# the bundle so that no jpackage step sees 0.x again.
BUNDLE_VERSION=$VERSION
case "$VERSION" in 0.*) BUNDLE_VERSION="1.${VERSION#0.}" ;; esac

step "app bundle $NAME $VERSION"
"$JPACKAGE" --type app-image --dest "$WORK/image" --name "$NAME" --app-version "$BUNDLE_VERSION" \
  @"$ROOT/packaging/jpackage.options" \
  --input "$WORK/input" --main-jar ntk-explorer.jar --main-class org.ntkexplorer.Launcher \
  --runtime-image "$WORK/runtime" --icon "$ROOT/assets/icon.icns" \
  --mac-package-identifier org.ntkexplorer --mac-package-name "$NAME"
APPDIR="$WORK/image/$NAME.app"
for key in CFBundleShortVersionString CFBundleVersion; do
  /usr/libexec/PlistBuddy -c "Set :$key $VERSION" "$APPDIR/Contents/Info.plist"
done
# Editing Info.plist invalidates any signature the bundle had, and Apple silicon runs no unsigned code: sign the
# bundle again, ad hoc (no identity; Gatekeeper still treats the app as unsigned).
codesign --force --deep --sign - "$APPDIR"
step "app bundle: $APPDIR ($(du -sh "$APPDIR" | cut -f1))"
[ "$IMAGE_ONLY" = 1 ] && exit 0

step "dmg $NAME $VERSION"
rm -f "$DEST/$NAME-"*.dmg
"$JPACKAGE" --type dmg --dest "$DEST" --app-image "$APPDIR" --name "$NAME" \
  @"$ROOT/packaging/jpackage.options" --license-file "$ROOT/LICENSE"
# The .dmg is named after the version jpackage was given (none here, so its default); name it after the real one.
built=$(ls "$DEST/$NAME-"*.dmg)
dmg="$DEST/$NAME-$VERSION.dmg"
[ "$built" = "$dmg" ] || mv "$built" "$dmg"
step "dmg: $dmg ($(du -h "$dmg" | cut -f1))"
