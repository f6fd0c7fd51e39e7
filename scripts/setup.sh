#!/usr/bin/env bash
# Installs everything the build and the tests need on a Debian bookworm machine, as root.
# Idempotent: every step checks whether its result is already present and skips it.
# Dependency builds (Dear ImGui sources; SDL2, zlib, zstd and libmd for wasm) are cached in $DDB_CACHE,
# outside the build tree.
set -euo pipefail

DDB_CACHE="${DDB_CACHE:-$HOME/.cache/ddb-sandbox}"
IMGUI_VERSION="1.90.1+ds-1"
SDL2_VERSION="2.26.5+dfsg-1"
# Compression (S3 export/import files) and MD5 (S3 ETags, export manifests), for wasm too.
ZLIB_VERSION="1:1.2.13.dfsg-1"
ZSTD_VERSION="1.5.4+dfsg2-5"
LIBMD_VERSION="1.0.4-2"
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
  nlohmann-json3-dev doctest-dev libboost-dev zlib1g-dev libzstd-dev libmd-dev zstd
  clang libclang-rt-14-dev
  chromium xvfb xauth fonts-dejavu-core fonttools libstb-dev
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

# --- zlib, zstd and libmd for wasm (Debian source packages, built once with Emscripten) --------------
# Emscripten's own ports download from the internet; these are Debian's sources, compiled file by file
# (zlib, zstd) or with their configure script (libmd), into $DDB_CACHE/<name>-wasm-<version>/{include,lib}.
fetch_source() {  # <package=version> <tmp dir>: unpacks the orig tarball, prints the source folder
  (cd "$2" && apt-get source --download-only "$1" >/dev/null)
  local tarball; tarball=$(ls "$2"/*.orig.tar.* | grep -v '\.asc$' | head -n1)
  mkdir -p "$2/x" && tar -xf "$tarball" -C "$2/x"
  find "$2/x" -mindepth 1 -maxdepth 1 -type d | head -n1
}
export NODE_PATH=/usr/share/nodejs
ZLIB_WASM="$DDB_CACHE/zlib-wasm-1.2.13"
if [ ! -f "$ZLIB_WASM/lib/libz.a" ]; then
  log "building zlib $ZLIB_VERSION for wasm (once; cached in $ZLIB_WASM)"
  tmp="$DDB_CACHE/zlib-src.tmp"; rm -rf "$tmp" "$ZLIB_WASM.tmp"; mkdir -p "$tmp/o" "$ZLIB_WASM.tmp/lib" "$ZLIB_WASM.tmp/include"
  src="$(fetch_source "zlib=$ZLIB_VERSION" "$tmp")"
  for f in adler32 crc32 deflate inflate inftrees inffast trees zutil compress uncompr; do
    emcc -O2 -c "$src/$f.c" -o "$tmp/o/$f.o"
  done
  emar rcs "$ZLIB_WASM.tmp/lib/libz.a" "$tmp"/o/*.o
  cp "$src/zlib.h" "$src/zconf.h" "$ZLIB_WASM.tmp/include/"
  rm -rf "$ZLIB_WASM"; mv "$ZLIB_WASM.tmp" "$ZLIB_WASM"; rm -rf "$tmp"
fi
ZSTD_WASM="$DDB_CACHE/zstd-wasm-1.5.4"
if [ ! -f "$ZSTD_WASM/lib/libzstd.a" ]; then
  log "building zstd $ZSTD_VERSION for wasm (once; cached in $ZSTD_WASM)"
  tmp="$DDB_CACHE/zstd-src.tmp"; rm -rf "$tmp" "$ZSTD_WASM.tmp"; mkdir -p "$tmp/o" "$ZSTD_WASM.tmp/lib" "$ZSTD_WASM.tmp/include"
  src="$(fetch_source "libzstd=$ZSTD_VERSION" "$tmp")"
  for f in "$src"/lib/common/*.c "$src"/lib/compress/*.c "$src"/lib/decompress/*.c; do
    emcc -O2 -DZSTD_DISABLE_ASM -DZSTD_LEGACY_SUPPORT=0 -I"$src/lib/common" -c "$f" -o "$tmp/o/$(basename "$f" .c).o"
  done
  emar rcs "$ZSTD_WASM.tmp/lib/libzstd.a" "$tmp"/o/*.o
  cp "$src/lib/zstd.h" "$src/lib/zstd_errors.h" "$ZSTD_WASM.tmp/include/"
  rm -rf "$ZSTD_WASM"; mv "$ZSTD_WASM.tmp" "$ZSTD_WASM"; rm -rf "$tmp"
fi
LIBMD_WASM="$DDB_CACHE/libmd-wasm-1.0.4"
if [ ! -f "$LIBMD_WASM/lib/libmd.a" ]; then
  log "building libmd $LIBMD_VERSION for wasm (once; cached in $LIBMD_WASM)"
  tmp="$DDB_CACHE/libmd-src.tmp"; rm -rf "$tmp" "$LIBMD_WASM.tmp"; mkdir -p "$tmp"
  src="$(fetch_source "libmd=$LIBMD_VERSION" "$tmp")"
  (cd "$src" && emconfigure ./configure --host=wasm32 --disable-shared --enable-static --prefix="$LIBMD_WASM.tmp" \
      >"$tmp/configure.log" 2>&1 && emmake make -j"$(nproc)" >"$tmp/build.log" 2>&1 && make install >/dev/null 2>&1) ||
    { tail -n 40 "$tmp/configure.log" "$tmp/build.log" 2>/dev/null; exit 1; }
  rm -rf "$LIBMD_WASM"; mv "$LIBMD_WASM.tmp" "$LIBMD_WASM"; rm -rf "$tmp"
fi

# --- npm development dependencies (pinned by package-lock.json) -------------------------------------
if [ -f "$ROOT/package-lock.json" ]; then
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing npm development dependencies"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

log "ready (cache: $DDB_CACHE)"
