// S3 panel: the sandbox's S3 as a learner browses it in the console: buckets, prefixes and "/"
// folders, object rows, an object viewer that decompresses gzip/zstd and shows JSON Lines and CSV as
// tables, uploads from disk and downloads (panels/s3/bucket_browser.h, panels/s3/object_viewer.h).
// Other panels open it at a folder with ctx.PostMessage("S3", "s3://bucket/prefix/") (the Exports &
// imports panel's "Open in S3").
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "panels/s3/bucket_browser.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

class S3Panel final : public Panel {
 public:
  const char* Title() const override { return "S3"; }
  ImVec2 DefaultSize() const override { return ImVec2(760, 640); }
  ImVec2 DefaultPos() const override { return ImVec2(460, 90); }
  bool OpenByDefault() const override { return false; }
  std::string TestState() const override { return browser_.TestState().dump(); }

  void DrawContent(AppContext& ctx) override {
    for (std::string message = ctx.TakeMessage(Title()); !message.empty(); message = ctx.TakeMessage(Title())) {
      // "s3://bucket/prefix/": open the bucket at that prefix.
      constexpr std::string_view kScheme = "s3://";
      if (message.rfind(kScheme, 0) != 0) continue;
      const std::string rest = message.substr(kScheme.size());
      const size_t slash = rest.find('/');
      browser_.Open(rest.substr(0, slash), slash == std::string::npos ? std::string() : rest.substr(slash + 1));
    }
    ImGui::TextDisabled("Buckets of the sandbox's account (every Region); new buckets go to %s.", ctx.region_name().c_str());
    browser_.Draw(ctx);
  }

 private:
  s3ui::BucketBrowser browser_;
};

}  // namespace

std::unique_ptr<Panel> MakeS3Panel() { return std::make_unique<S3Panel>(); }

}  // namespace ddb::app
