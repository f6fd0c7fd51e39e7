#!/usr/bin/env bash
# Installs everything the build and the tests need on a Debian bookworm machine, as root.
# Idempotent: every step checks whether its result is already present and skips it.
# Dependency builds (Dear ImGui sources, SDL2 for wasm) are cached in $DDB_CACHE, outside the build tree.
set -euo pipefail

DDB_CACHE="${DDB_CACHE:-$HOME/.cache/ddb-sandbox}"
IMGUI_VERSION="1.90.1+ds-1"
SDL2_VERSION="2.26.5+dfsg-1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$DDB_CACHE"

log() { printf '[setup] %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# --- Debian packages -------------------------------------------------------------------------------
PKGS=(
  build-essential g++ cmake ninja-build pkg-config git ca-certificates dpkg-dev xz-utils
  emscripten nodejs
  libsdl2-dev libgl-dev libgl1-mesa-dri
  nlohmann-json3-dev doctest-dev libboost-dev zlib1g-dev
  clang libclang-rt-14-dev
  chromium xvfb xauth fonts-dejavu-core libstb-dev
  awscli python3-boto3 python3-pytest
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node may come from outside Debian on some machines: accept any node >= 18 in place of the package.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
# npm (for playwright-core, pinned by package-lock.json): Debian ships it apart from nodejs.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
SRC_LIST=/etc/apt/sources.list.d/ddb-sandbox-src.sources
need_update=0
if [ ! -f "$SRC_LIST" ]; then
  log "adding deb-src entries (bookworm for SDL2, trixie for Dear ImGui 1.90.1 sources)"
  $SUDO tee "$SRC_LIST" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
pkgs_to_install=()
for p in "${missing[@]}"; do [ -n "$p" ] && pkgs_to_install+=("$p"); done
if [ ${#pkgs_to_install[@]} -gt 0 ] || [ $need_update = 1 ]; then
  log "apt-get update"
  $SUDO apt-get update -q
fi
if [ ${#pkgs_to_install[@]} -gt 0 ]; then
  log "installing: ${pkgs_to_install[*]}"
  $SUDO apt-get install -y -q --no-install-recommends "${pkgs_to_install[@]}"
fi

# --- Dear ImGui sources (Debian source package, pinned) --------------------------------------------
IMGUI_DIR="$DDB_CACHE/imgui-${IMGUI_VERSION%%+*}"
if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  log "fetching Dear ImGui $IMGUI_VERSION source package"
  tmp="$DDB_CACHE/imgui-src.tmp"; rm -rf "$tmp"; mkdir -p "$tmp"
  (cd "$tmp" && apt-get source --download-only "imgui=$IMGUI_VERSION" >/dev/null)
  tarball=$(ls "$tmp"/imgui_*.orig.tar.* | head -n1)
  mkdir -p "$tmp/x" && tar -xf "$tarball" -C "$tmp/x"
  rm -rf "$IMGUI_DIR"; mv "$(find "$tmp/x" -mindepth 1 -maxdepth 1 -type d | head -n1)" "$IMGUI_DIR"
  rm -rf "$tmp"
fi

# --- SDL2 for wasm (Debian source package, built once with Emscripten) ------------------------------
SDL2_WASM="$DDB_CACHE/sdl2-wasm-${SDL2_VERSION%%+*}"
if [ ! -f "$SDL2_WASM/lib/libSDL2.a" ]; then
  log "building SDL2 $SDL2_VERSION for wasm (once; cached in $SDL2_WASM)"
  tmp="$DDB_CACHE/sdl2-src.tmp"; rm -rf "$tmp"; mkdir -p "$tmp"
  (cd "$tmp" && apt-get source --download-only "libsdl2=$SDL2_VERSION" >/dev/null)
  tarball=$(ls "$tmp"/libsdl2_*.orig.tar.* | head -n1)
  mkdir -p "$tmp/x" && tar -xf "$tarball" -C "$tmp/x"
  src="$(find "$tmp/x" -mindepth 1 -maxdepth 1 -type d | head -n1)"
  export NODE_PATH=/usr/share/nodejs
  emcmake cmake -S "$src" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DSDL_AUDIO=OFF -DSDL_HAPTIC=OFF -DSDL_SENSOR=OFF -DSDL_POWER=OFF -DSDL_JOYSTICK=OFF \
    -DSDL_HIDAPI=OFF -DSDL_LOCALE=OFF -DSDL_FILESYSTEM=ON -DSDL_THREADS=OFF \
    -DCMAKE_INSTALL_PREFIX="$SDL2_WASM.tmp" >"$tmp/configure.log" 2>&1 || { tail -n 40 "$tmp/configure.log"; exit 1; }
  cmake --build "$tmp/build" -j"$(nproc)" >"$tmp/build.log" 2>&1 || { tail -n 40 "$tmp/build.log"; exit 1; }
  cmake --install "$tmp/build" >/dev/null
  rm -rf "$SDL2_WASM"; mv "$SDL2_WASM.tmp" "$SDL2_WASM"
  rm -rf "$tmp"
fi

# --- npm development dependencies (pinned by package-lock.json) -------------------------------------
if [ -f "$ROOT/package-lock.json" ]; then
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing npm development dependencies"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

log "ready (cache: $DDB_CACHE)"
