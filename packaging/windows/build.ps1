# Builds the Windows .msi of NTK Explorer from a clone (PowerShell 7 or Windows PowerShell 5.1):
#   packaging\windows\build.ps1 [-Cuda] [-ReuseBuild] [-AppImageOnly] [-MavenArgs -o,...]
# Result: target\installers\NTK Explorer-<version>.msi ("NTK Explorer CUDA-<version>.msi" with -Cuda). It installs
# "NTK Explorer.exe" (the window) and ntk-explorer.exe (the command line, with a console) in the chosen folder.
# Needs a JDK 17 with jpackage, Maven, and WiX Toolset 3 (jpackage 17 cannot use WiX 4 or later).
param([switch]$Cuda, [switch]$ReuseBuild, [switch]$AppImageOnly, [string[]]$MavenArgs = @())
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
Set-Location $Root
$Clock = [Diagnostics.Stopwatch]::StartNew()

function Die([string]$Message) { [Console]::Error.WriteLine("packaging: ERROR: $Message"); exit 1 }
function Step([string]$Message) { Write-Host ("packaging: [{0:N0}s] {1}" -f $Clock.Elapsed.TotalSeconds, $Message) }
function Check([string]$What) { if ($LASTEXITCODE -ne 0) { Die "$What exited with $LASTEXITCODE" } }
function Tool([string]$Name) {
    if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME "bin\$Name.exe"))) { return Join-Path $env:JAVA_HOME "bin\$Name.exe" }
    $c = Get-Command "$Name.exe" -ErrorAction SilentlyContinue
    if (-not $c) { Die "$Name not found: install a full JDK 17 (jpackage and jlink are not in a JRE)" }
    return $c.Source
}

if ($env:PROCESSOR_ARCHITECTURE -ne 'AMD64') { Die "the bundled native libraries are for x64 Windows only" }
$Platform = 'windows-x86_64'
# ND4J's natives, as pom.xml picks them: the oneDNN build for the CPU backend, the plain one for CUDA.
$Nd4jPlatform = if ($Cuda) { $Platform } else { 'windows-x86_64-onednn' }
$FxClassifier = 'win'
# Each variant keeps its own upgrade code forever, so a newer .msi replaces the older install of that variant.
if ($Cuda) {
    $Name = 'NTK Explorer CUDA'; $Variant = 'cuda'; $UpgradeUuid = '3b88dbe0-1779-4bdf-a86a-943157bd375a'
} else {
    $Name = 'NTK Explorer'; $Variant = 'cpu'; $UpgradeUuid = '4a1fdf31-bae2-4223-a0fe-b85a31d5481d'
}
$Work = Join-Path $Root "target\packaging\$Variant"
$Dest = Join-Path $Root 'target\installers'
$Lib = Join-Path $Root 'target\lib'
$Jar = Join-Path $Root 'target\ntk-explorer.jar'

if ($ReuseBuild -and (Test-Path $Jar) -and (Test-Path $Lib)) {
    Step 'reusing target\ntk-explorer.jar and target\lib'
} else {
    # copy-dependencies never deletes, so a previous CPU build would leave nd4j-native jars beside the CUDA ones
    # (or the reverse); the jar goes too because its manifest Class-Path lists the lib\ jars.
    Remove-Item -Recurse -Force $Lib, $Jar -ErrorAction SilentlyContinue
    $profileArgs = @()
    if ($Cuda) { $profileArgs = @('-Pcuda') }
    Step "mvn package $profileArgs $MavenArgs"
    & mvn -B -q package -DskipTests @profileArgs @MavenArgs
    Check 'mvn package'
}

# target\lib must hold the native jars of this platform and variant, and no other platform's.
$bad = @()
foreach ($f in Get-ChildItem $Lib -Filter '*.jar') {
    $n = $f.Name
    if ($n -match '^javafx-[a-z]+-[0-9][0-9.]*-([a-z0-9-]+)\.jar$') {
        if ($Matches[1] -ne $FxClassifier) { $bad += "$n (JavaFX for $($Matches[1]), want $FxClassifier)" }
    } elseif ($n -match '-((linux|macosx|windows|android|ios)-[a-z0-9_]+(-[a-z0-9]+)?)\.jar$') {
        $expect = if ($n -like 'nd4j-native-[0-9]*') { $Nd4jPlatform } else { $Platform }
        if ($Matches[1] -ne $expect) { $bad += "$n (natives for $($Matches[1]), want $expect)" }
    }
    if ($Cuda) {
        if ($n -like 'nd4j-native-[0-9]*' -or $n -like 'nd4j-native-preset-*') { $bad += "$n (CPU backend in the CUDA build)" }
    } elseif ($n -like 'nd4j-cuda-*') { $bad += "$n (CUDA backend in the CPU build)" }
}
$backend = if ($Cuda) { 'nd4j-cuda-*' } else { 'nd4j-native' }
foreach ($want in @("$backend-*-$Nd4jPlatform.jar", "openblas-*-$Platform.jar", "javacpp-*-$Platform.jar", "javafx-graphics-*-$FxClassifier.jar")) {
    if (-not (Test-Path (Join-Path $Lib $want))) { $bad += "missing $want" }
}
if ($bad.Count -gt 0) {
    $bad | ForEach-Object { [Console]::Error.WriteLine("  $_") }
    Die "target\lib does not match $Platform/$Variant (rebuild without -ReuseBuild)"
}
Step "target\lib: natives for $Platform only (ND4J $Nd4jPlatform), JavaFX $FxClassifier, backend $Variant"

$props = Join-Path $Root 'target\classes\ntk-explorer.properties'
$m = Select-String -Path $props -Pattern '^version=(.+)$' -ErrorAction SilentlyContinue
if (-not $m) { Die "no version in $props (is the build complete?)" }
$Version = $m.Matches[0].Groups[1].Value.Trim()

# The jpackage input: the jar, its lib\ (the manifest Class-Path points there) and sample-data\, which
# SampleData finds beside the jar, i.e. in the installed app folder.
Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force (Join-Path $Work 'input'), $Dest | Out-Null
Copy-Item $Jar (Join-Path $Work 'input')
Copy-Item -Recurse $Lib, (Join-Path $Root 'sample-data') (Join-Path $Work 'input')

# A runtime with only the modules the jars use; see make_runtime in packaging/common.sh for the two modules
# jdeps cannot see (java.naming for logback, jdk.unsupported for JavaCPP and JavaFX).
$jdepsOut = & (Tool 'jdeps') --print-module-deps --ignore-missing-deps --multi-release 17 --class-path "$Lib\*" $Jar
Check 'jdeps'
$mods = ((($jdepsOut | Select-Object -Last 1).Trim() -split ',') + @('java.naming', 'jdk.unsupported') | Sort-Object -Unique) -join ','
Step "jlink modules: $mods"
# java.exe and javaw.exe stay (and only they): the app restarts itself with a heap and an off-heap ceiling chosen
# for the machine's free memory (org.ntkexplorer.Relaunch); javaw.exe for the window, so no console opens.
& (Tool 'jlink') --add-modules $mods --strip-debug --compress=2 --no-header-files --no-man-pages --output (Join-Path $Work 'runtime')
Check 'jlink'
Get-ChildItem (Join-Path $Work 'runtime\bin') -File | Where-Object { $_.Name -notin @('java.exe', 'javaw.exe') -and $_.Extension -eq '.exe' } | Remove-Item

$jpackage = Tool 'jpackage'
$common = @("@$Root\packaging\jpackage.options", '--name', $Name, '--app-version', $Version,
    '--input', (Join-Path $Work 'input'), '--main-jar', 'ntk-explorer.jar', '--main-class', 'org.ntkexplorer.Launcher',
    '--runtime-image', (Join-Path $Work 'runtime'), '--icon', (Join-Path $Root 'assets\icon.ico'),
    '--add-launcher', "ntk-explorer=$Root\packaging\windows\console-launcher.properties")

if ($AppImageOnly) {
    & $jpackage --type app-image --dest (Join-Path $Work 'image') @common
    Check 'jpackage --type app-image'
    Step "app image: $(Join-Path $Work "image\$Name")"
    exit 0
}

# jpackage runs candle.exe and light.exe from PATH; the WiX 3 installer does not add its bin folder there.
if (-not (Get-Command 'candle.exe' -ErrorAction SilentlyContinue)) {
    $wix = Get-Item "${env:ProgramFiles(x86)}\WiX Toolset v3*\bin" -ErrorAction SilentlyContinue | Select-Object -Last 1
    if (-not $wix) { Die 'WiX Toolset 3 (candle.exe, light.exe) not found: install it from https://wixtoolset.org/ or with choco install wixtoolset' }
    $env:PATH = "$($wix.FullName);$env:PATH"
}

Step "msi $Name $Version"
Remove-Item (Join-Path $Dest "$Name-*.msi") -ErrorAction SilentlyContinue
& $jpackage --type msi --dest $Dest @common --license-file (Join-Path $Root 'LICENSE') `
    --win-menu --win-menu-group 'NTK Explorer' --win-shortcut --win-dir-chooser --win-upgrade-uuid $UpgradeUuid
Check 'jpackage --type msi'
$msi = Get-Item (Join-Path $Dest "$Name-$Version.msi")
Step ("msi: {0} ({1:N0} MB)" -f $msi.FullName, ($msi.Length / 1MB))
