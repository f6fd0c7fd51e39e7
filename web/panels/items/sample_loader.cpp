// The Item explorer's sample loader (sample_loader.h): generates a sample data set's requests on
// demand and pumps them through the JSON API a few milliseconds per frame.
#include "panels/items/sample_loader.h"

#include <chrono>

#include "app.h"
#include "ui_util.h"

namespace ddb::app::items {

using Clock = std::chrono::steady_clock;

std::optional<std::string> SampleLoader::Pump(AppContext& ctx) {
  if (!gen_) return std::nullopt;
  const auto start = Clock::now();
  samples::SampleRequest r;
  while (Clock::now() - start < std::chrono::milliseconds(10)) {
    if (!gen_->Next(&r)) {  // the last one went out
      std::string table = gen_->table_name();
      gen_.reset();
      return table;
    }
    const JsonResponse resp = ctx.Request(r.operation, r.body);
    if (!resp.ok()) {
      error_ = r.operation + " failed: " + ErrorMessage(resp);
      gen_.reset();
      return std::nullopt;
    }
  }
  return std::nullopt;
}

void SampleLoader::DrawButton(AppContext& ctx) {
  if (ImGui::Button("Sample data...")) ImGui::OpenPopup("samples");
  ctx.TagItem("items.samples");
  DrawPopup(ctx);
}

void SampleLoader::DrawProgress() const {
  if (gen_) {
    const float done = static_cast<float>(gen_->produced()) / static_cast<float>(gen_->total());
    ImGui::ProgressBar(done, ImVec2(-1, 0), ("Loading sample data: " + std::to_string(gen_->produced()) + " / " +
                                             std::to_string(gen_->total()) + " requests").c_str());
  }
  FieldError(error_);
}

void SampleLoader::DrawPopup(AppContext& ctx) {
  if (!ImGui::BeginPopup("samples")) return;
  ImGui::TextDisabled("Generate a data set: a CreateTable and BatchWriteItem requests (25 items each).");
  const auto& sets = samples::DataSets();
  for (int i = 0; i < static_cast<int>(sets.size()); ++i) {
    ImGui::RadioButton(sets[static_cast<size_t>(i)].table_name.c_str(), &set_, i);
    ctx.TagItem(("items.samples." + sets[static_cast<size_t>(i)].id).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", sets[static_cast<size_t>(i)].description.c_str());
  }
  static const int kCounts[] = {100, 1000, 10000, 100000, 1000000};
  static const char* const kCountNames[] = {"100 items", "1,000 items", "10,000 items", "100,000 items", "1,000,000 items"};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::Combo("##count", &count_, kCountNames, 5);
  ImGui::SameLine();
  if (ImGui::Button("Generate")) {
    samples::GenerateOptions options;
    options.item_count = static_cast<size_t>(kCounts[count_]);
    options.seed = 1;
    options.now_epoch_seconds = ctx.sandbox().clock().NowMillis() / 1000;
    Result<samples::SampleGenerator> gen = samples::SampleGenerator::Make(sets[static_cast<size_t>(set_)].id, options);
    if (gen.ok()) {
      gen_.emplace(std::move(gen).value());
      error_.clear();
    } else {
      error_ = gen.status().message();
    }
    ImGui::CloseCurrentPopup();
  }
  ctx.TagItem("items.samples.generate");
  ImGui::EndPopup();
}

}  // namespace ddb::app::items
