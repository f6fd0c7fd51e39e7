// Desktop platform layer: settings blobs as files under $XDG_CONFIG_HOME/ddb-sandbox
// (falling back to ~/.config/ddb-sandbox), files saved and read by path, and the PNG screenshot used
// by the desktop test.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "platform.h"
#include "screenshot.h"

#include <SDL_opengl.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace ddb::app {
namespace {

std::filesystem::path ConfigDir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] != '\0') {
    return std::filesystem::path(xdg) / "ddb-sandbox";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return std::filesystem::path(home) / ".config" / "ddb-sandbox";
  }
  return std::filesystem::current_path() / ".ddb-sandbox";
}

std::filesystem::path BlobPath(std::string_view name) {
  return ConfigDir() / (std::string(name) + ".ini");
}

}  // namespace

std::optional<std::string> LoadBlob(std::string_view name) {
  std::ifstream in(BlobPath(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool SaveBlob(std::string_view name, std::string_view data) {
  std::error_code ec;
  std::filesystem::create_directories(ConfigDir(), ec);
  // Write a temporary file and rename it, so a crash never leaves half a settings file.
  const std::filesystem::path path = BlobPath(name);
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return false;
  }
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

bool QueryViewportSize(int* /*width*/, int* /*height*/) { return false; }

void NotifyReady() {}

const char* PlatformName() { return "desktop"; }

std::string SettingsLocation() { return ConfigDir().string(); }

std::string StartupParameter(const std::string& /*name*/) { return {}; }

void PlatformCopyToClipboard(const std::string& /*text*/) {}

std::string SaveTextFile(const std::string& file_name, const std::string& text) {
  std::error_code ec;
  const std::filesystem::path path = std::filesystem::current_path(ec) / file_name;
  std::ofstream out(path, std::ios::binary);
  if (!out) return {};
  out << text;
  return out ? path.string() : std::string();
}

std::string SaveBinaryFile(const std::string& path, std::string_view bytes) {
  std::error_code ec;
  const std::filesystem::path target = std::filesystem::absolute(path, ec);
  if (ec) return {};
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (!out) return {};
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out ? target.string() : std::string();
}

bool PickFile(std::function<void(std::string, std::string)> /*done*/) { return false; }

std::optional<std::string> ReadLocalFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return bytes.str();
}

bool SaveScreenshotPng(const char* path, int width, int height) {
  if (width <= 0 || height <= 0) return false;
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) return false;
  for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the window is opaque
  // OpenGL's first row is the bottom one; PNG's is the top one.
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(path, width, height, 4, pixels.data(), width * 4) != 0;
}

}  // namespace ddb::app
