#!/usr/bin/env bash
# Self-contained single-file binaries of the fake-tracker tool: no .NET SDK or runtime needed to run them.
#
#   build/publish-binaries.sh                 # linux-x64 linux-arm64 osx-arm64 win-x64
#   build/publish-binaries.sh linux-x64       # only the ones named
#
# Each lands in artifacts/fake-tracker/<rid>/fake-tracker (fake-tracker.exe on Windows); artifacts/ is
# git-ignored. Release configuration, the runtime and ASP.NET Core bundled, native libraries extracted
# on first start. The osx-arm64 binary is not signed here: macOS wants `codesign -s - fake-tracker`
# (ad hoc) or a real signature before it runs a downloaded file.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 linux-arm64 osx-arm64 win-x64)
fi

for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64|linux-arm64|osx-arm64|win-x64) ;;
    *) echo "publish-binaries: unknown runtime '$rid' (linux-x64, linux-arm64, osx-arm64, win-x64)" >&2; exit 2 ;;
  esac
  out="artifacts/fake-tracker/$rid"
  rm -rf "$out"
  # PackAsTool is for the dotnet tool package only; a self-contained publish is not a tool.
  dotnet publish src/MyTracker.Fake.Tool/MyTracker.Fake.Tool.csproj \
    -c Release -r "$rid" --self-contained true \
    -p:PackAsTool=false \
    -p:PublishSingleFile=true \
    -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:DebugType=none -p:GenerateDocumentationFile=false \
    -o "$out" -nologo -v:q
  ls -l "$out"
done
