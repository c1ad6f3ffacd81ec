# Shared steps of packaging/linux/build.sh and packaging/macos/build.sh (sourced, not run).
# The callers set ROOT, PLATFORM (JavaCPP classifier) and FX_CLASSIFIER (JavaFX classifier) before calling parse_args.
# Everything is written under target/: target/packaging/<variant>/ (staging) and target/installers/ (results).

die() { echo "packaging: ERROR: $*" >&2; exit 1; }
step() { echo "packaging: [${SECONDS}s] $*"; }

usage() {
  cat <<USAGE
usage: $0 [--cuda] [--reuse-build] [--app-image-only] [-- MAVEN_ARGS...]
  --cuda            package the CUDA build (mvn -Pcuda) as ntk-explorer-cuda
  --reuse-build     use target/ntk-explorer.jar and target/lib as they are when present (after mvn verify)
  --app-image-only  stop after the app image (no installer)
  MAVEN_ARGS        passed to mvn, e.g. -- -o for an offline build
USAGE
}

parse_args() {
  CUDA=0 REUSE=0 IMAGE_ONLY=0 MVN_EXTRA=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --cuda) CUDA=1 ;;
      --reuse-build) REUSE=1 ;;
      --app-image-only) IMAGE_ONLY=1 ;;
      --) shift; MVN_EXTRA=("$@"); break ;;
      -h|--help) usage; exit 0 ;;
      *) usage >&2; die "unknown option $1" ;;
    esac
    shift
  done
  VARIANT=$([ "$CUDA" = 1 ] && echo cuda || echo cpu)
  # ND4J's natives, as pom.xml picks them: the oneDNN build on x86-64 CPUs, the plain one on ARM and for CUDA.
  case "$PLATFORM" in
    *-x86_64) ND4J_PLATFORM=$([ "$CUDA" = 1 ] && echo "$PLATFORM" || echo "$PLATFORM-onednn") ;;
    *) ND4J_PLATFORM=$PLATFORM ;;
  esac
  WORK="$ROOT/target/packaging/$VARIANT"
  DEST="$ROOT/target/installers"
}

# The JDK tools, from JAVA_HOME when it is set (CI), else from PATH.
jdk_tool() {
  local t="$1"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$t" ]; then echo "$JAVA_HOME/bin/$t"; return; fi
  command -v "$t" >/dev/null 2>&1 || die "$t not found: install a full JDK 17 (jpackage and jlink are not in a JRE)"
  command -v "$t"
}

build_jar() {
  cd "$ROOT"
  if [ "$REUSE" = 1 ] && [ -f target/ntk-explorer.jar ] && [ -d target/lib ]; then
    step "reusing target/ntk-explorer.jar and target/lib"
    return
  fi
  # copy-dependencies never deletes, so a previous CPU build would leave nd4j-native jars beside the CUDA ones
  # (or the reverse); the jar is removed too because its manifest Class-Path lists the lib/ jars.
  rm -rf target/lib target/ntk-explorer.jar
  local profile=()
  [ "$CUDA" = 1 ] && profile=(-Pcuda)
  step "mvn package ${profile[*]:-} ${MVN_EXTRA[*]:-}"
  mvn -B -q package -DskipTests ${profile[@]+"${profile[@]}"} ${MVN_EXTRA[@]+"${MVN_EXTRA[@]}"}
}

# Fails unless target/lib holds the native jars of this platform and variant, and no other platform's (nor ND4J's
# plain natives beside its oneDNN ones).
check_lib() {
  local lib="$ROOT/target/lib" n cls expect bad=()
  [ -d "$lib" ] || die "$lib is missing: run mvn package first"
  local native_re='-((linux|macosx|windows|android|ios)-[a-z0-9_]+(-[a-z0-9]+)?)\.jar$'
  local fx_re='^javafx-[a-z]+-[0-9][0-9.]*-([a-z0-9-]+)\.jar$'
  for f in "$lib"/*.jar; do
    n=$(basename "$f")
    if [[ $n =~ $fx_re ]]; then
      cls=${BASH_REMATCH[1]}
      [ "$cls" = "$FX_CLASSIFIER" ] || bad+=("$n (JavaFX for $cls, want $FX_CLASSIFIER)")
    elif [[ $n =~ $native_re ]]; then
      cls=${BASH_REMATCH[1]} expect=$PLATFORM
      case "$n" in nd4j-native-[0-9]*) expect=$ND4J_PLATFORM ;; esac
      [ "$cls" = "$expect" ] || bad+=("$n (natives for $cls, want $expect)")
    fi
    if [ "$CUDA" = 1 ]; then
      case "$n" in nd4j-native-[0-9]*|nd4j-native-preset-*) bad+=("$n (CPU backend in the CUDA build)") ;; esac
    else
      case "$n" in nd4j-cuda-*) bad+=("$n (CUDA backend in the CPU build)") ;; esac
    fi
  done
  local backend=nd4j-native
  [ "$CUDA" = 1 ] && backend=nd4j-cuda-*
  for want in "$backend-*-$ND4J_PLATFORM.jar" "openblas-*-$PLATFORM.jar" "javacpp-*-$PLATFORM.jar" "javafx-graphics-*-$FX_CLASSIFIER.jar"; do
    compgen -G "$lib/$want" >/dev/null || bad+=("missing $want")
  done
  if [ ${#bad[@]} -gt 0 ]; then
    printf '  %s\n' "${bad[@]}" >&2
    die "target/lib does not match $PLATFORM/$VARIANT (rebuild without --reuse-build)"
  fi
  step "target/lib: natives for $PLATFORM only (ND4J $ND4J_PLATFORM), JavaFX $FX_CLASSIFIER, backend $VARIANT"
}

app_version() {
  local v
  v=$(sed -n 's/^version=//p' "$ROOT/target/classes/ntk-explorer.properties" 2>/dev/null | tr -d '\r')
  [ -n "$v" ] || die "no version in target/classes/ntk-explorer.properties (is the build complete?)"
  echo "$v"
}

# The jpackage input: the jar, its lib/ (the manifest Class-Path points there) and sample-data/, which
# SampleData finds beside the jar, i.e. in the installed app directory.
stage_input() {
  rm -rf "$WORK"
  mkdir -p "$WORK/input" "$DEST"
  cp "$ROOT/target/ntk-explorer.jar" "$WORK/input/"
  cp -r "$ROOT/target/lib" "$ROOT/sample-data" "$WORK/input/"
}

# A runtime with only the modules the jars use. jdeps follows class references from the app's jar, so it misses
# code reached by name: slf4j finds logback through ServiceLoader, and logback's configurator needs java.naming
# (without it the first log call fails with NoClassDefFoundError: javax/naming/NamingException); JavaCPP and
# JavaFX look up sun.misc.Unsafe by name (jdk.unsupported). jdeps runs on each OS, so the list follows its jars.
make_runtime() {
  local jdeps jlink mods
  jdeps=$(jdk_tool jdeps); jlink=$(jdk_tool jlink)
  mods=$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
           --class-path "$ROOT/target/lib/*" "$ROOT/target/ntk-explorer.jar" | tail -n 1 | tr -d '\r')
  [ -n "$mods" ] || die "jdeps found no modules"
  mods=$(printf '%s\n' ${mods//,/ } java.naming jdk.unsupported | sort -u | paste -sd, -)
  step "jlink modules: $mods"
  # --strip-debug also strips native symbols on Linux, which needs objcopy (binutils). --compress=2 halves
  # lib/modules (49 to 23 MB on Linux); `info` took 2.7-3.9 s with or without it on two busy cores.
  # bin/java stays (and only it): the app restarts itself with a heap and an off-heap ceiling chosen for the
  # machine's free memory (org.ntkexplorer.Relaunch), which needs a java command in its runtime.
  "$jlink" --add-modules "$mods" --strip-debug --compress=2 --no-header-files --no-man-pages \
    --output "$WORK/runtime"
  find "$WORK/runtime/bin" -type f ! -name java -delete
}
