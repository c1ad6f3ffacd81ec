#!/usr/bin/env bash
# Builds the Linux app image and .deb of NTK Explorer from a clone (run from anywhere):
#   packaging/linux/build.sh [--cuda] [--reuse-build] [--app-image-only] [-- MAVEN_ARGS...]
# Results: target/installers/ntk-explorer_<version>-1_<arch>.deb (ntk-explorer-cuda_... with --cuda) and the
# app image target/packaging/<cpu|cuda>/image/<name>/ (runs without installing: bin/<name>).
# Needs a JDK 17 with jpackage, Maven, dpkg-deb, fakeroot and objcopy (binutils).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$ROOT/packaging/common.sh"

case "$(uname -m)" in
  x86_64) PLATFORM=linux-x86_64 FX_CLASSIFIER=linux ;;
  aarch64) PLATFORM=linux-arm64 FX_CLASSIFIER=linux-aarch64 ;;
  *) die "no native libraries for $(uname -m)" ;;
esac
parse_args "$@"

# The package, install directory (/opt/<name>) and launcher share one name without spaces, so the command line
# is /opt/ntk-explorer/bin/ntk-explorer; the menu shows the display name from the .desktop file.
if [ "$CUDA" = 1 ]; then
  NAME=ntk-explorer-cuda DISPLAY="NTK Explorer (CUDA)"
else
  NAME=ntk-explorer DISPLAY="NTK Explorer"
fi

for t in dpkg-deb fakeroot objcopy; do
  command -v "$t" >/dev/null 2>&1 || die "$t not found (apt-get install dpkg-dev fakeroot binutils)"
done
JPACKAGE=$(jdk_tool jpackage)

build_jar
check_lib
VERSION=$(app_version)
stage_input
make_runtime

step "app image $NAME $VERSION"
"$JPACKAGE" --type app-image --dest "$WORK/image" --name "$NAME" --app-version "$VERSION" \
  @"$ROOT/packaging/jpackage.options" \
  --input "$WORK/input" --main-jar ntk-explorer.jar --main-class org.ntkexplorer.Launcher \
  --runtime-image "$WORK/runtime" --icon "$ROOT/assets/icon.png"
step "app image: $WORK/image/$NAME ($(du -sh "$WORK/image/$NAME" | cut -f1))"
[ "$IMAGE_ONLY" = 1 ] && exit 0

# jpackage takes files in --resource-dir in place of its own templates (and still fills in its APPLICATION_*
# tokens): <launcher>.desktop for the menu name, postinst and prerm for how the menu entry is installed.
mkdir -p "$WORK/resources"
sed "s/@DISPLAY_NAME@/$DISPLAY/" "$ROOT/packaging/linux/launcher.desktop" > "$WORK/resources/$NAME.desktop"
for s in postinst prerm; do
  sed "s/@NAME@/$NAME/g" "$ROOT/packaging/linux/$s" > "$WORK/resources/$s"
done

step "deb $NAME $VERSION"
rm -f "$DEST/${NAME}_"*.deb
# The window needs GTK 3; jpackage only derives dependencies from the runtime's own native libraries, and
# JavaFX's come out of its jars at run time. (Ubuntu 24.04's libgtk-3-0t64 provides libgtk-3-0.)
"$JPACKAGE" --type deb --dest "$DEST" --app-image "$WORK/image/$NAME" --name "$NAME" --app-version "$VERSION" \
  @"$ROOT/packaging/jpackage.options" \
  --license-file "$ROOT/LICENSE" --icon "$ROOT/assets/icon.png" --resource-dir "$WORK/resources" \
  --linux-package-name "$NAME" --linux-app-category science --linux-package-deps libgtk-3-0 \
  --linux-shortcut --linux-menu-group "Education;Science;"
deb=$(ls "$DEST/${NAME}_"*.deb)
step "deb: $deb ($(du -h "$deb" | cut -f1))"
