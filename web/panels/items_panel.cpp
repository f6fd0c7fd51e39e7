// Item explorer ("Explore items"): the Panel that composes the explorer's parts (panels/items/):
// the toolbar (table, paging, New item, page size, sample data), the result set of the selected
// table (ResultSet), the item editor window (ItemEditor, with SetEditor for sets) and the sample
// loader (SampleLoader). Every request goes through the JSON API.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "panels/items/item_editor.h"
#include "panels/items/result_set.h"
#include "panels/items/sample_loader.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

class ItemsPanel final : public Panel {
 public:
  const char* Title() const override { return "Item explorer"; }
  ImVec2 DefaultSize() const override { return ImVec2(828, 372); }
  ImVec2 DefaultPos() const override { return ImVec2(444, 94); }

  void DrawContent(AppContext& ctx) override {
    results_.TrackChanges(ctx);
    const std::string message = ctx.TakeMessage(Title());
    if (message == "load all") {
      results_.RequestLoadAll();
    } else if (message == "bench scroll") {
      results_.StartBenchScroll();
    }
    if (const std::optional<std::string> loaded = samples_.Pump(ctx)) {
      ctx.selected_table() = *loaded;
      results_.Forget();  // reload
    }
    results_.PumpLoadAll(ctx);

    const std::vector<std::string> names = ctx.region().TableNames();
    DrawToolbar(ctx, names);
    if (names.empty()) {
      ImGui::Spacing();
      ImGui::TextWrapped("No tables yet. Create one in the Tables panel (Alt+N), or load a sample data set above.");
      DrawEditor(ctx);
      return;
    }
    const std::string& selected = ctx.selected_table();
    if (!selected.empty() && selected != results_.table()) results_.LoadFirstPage(ctx, selected);
    if (selected.empty()) {
      ImGui::TextDisabled("Select a table in the Tables panel.");
      return;
    }
    results_.StartPendingLoadAll(selected);
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_R)) results_.LoadFirstPage(ctx, results_.table());
    if (AppContext::GlobalShortcut(ImGuiMod_Alt | ImGuiKey_I)) NewItem(ctx);
    if (const std::optional<items::ResultSet::EditRequest> edit = results_.Draw(ctx)) {
      editor_.EditItem(edit->item, edit->duplicate);
    }
    DrawEditor(ctx);
  }

  bool Busy() const override { return samples_.busy() || results_.busy(); }

  std::string TestState() const override {
    return nlohmann::json{{"table", results_.table()},
                          {"rows", results_.row_count()},
                          {"columns", results_.columns()},
                          {"selected", results_.selected()},
                          {"hasMore", results_.has_more()},
                          {"editorOpen", editor_.open()},
                          {"editorError", editor_.error()},
                          {"setErrors", editor_.set_errors()},
                          {"editorView", editor_.view()},
                          {"editorText", editor_.open() && editor_.view() != 0 ? editor_.text().substr(0, 4000) : std::string()},
                          {"loadingSamples", samples_.busy()},
                          {"loadingAll", results_.loading_all()},
                          {"visibleRows", results_.visible_rows()}}
        .dump();
  }

 private:
  void DrawToolbar(AppContext& ctx, const std::vector<std::string>& names) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##table", ctx.selected_table().empty() ? "(no table)" : ctx.selected_table().c_str())) {
      for (const std::string& n : names) {
        if (ImGui::Selectable(n.c_str(), n == ctx.selected_table())) ctx.selected_table() = n;
      }
      ImGui::EndCombo();
    }
    ctx.TagItem("items.table");
    ImGui::SameLine();
    ImGui::BeginDisabled(results_.table().empty());
    if (ImGui::Button("Reload")) results_.LoadFirstPage(ctx, results_.table());
    ShortcutTooltip("Alt+R");
    ImGui::SameLine();
    ImGui::BeginDisabled(!results_.has_more() || results_.loading_all() || results_.full());
    if (ImGui::Button("Next page")) results_.LoadNextPage(ctx);
    ctx.TagItem("items.next_page");
    ImGui::SameLine();
    if (ImGui::Button("Load all")) results_.StartLoadAll();
    ctx.TagItem("items.load_all");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("New item")) NewItem(ctx);
    ctx.TagItem("items.new");
    ShortcutTooltip("Alt+I");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    static const int kPageSizes[] = {25, 100, 1000};
    static const char* const kPageNames[] = {"25", "100", "1000"};
    const int page_size = results_.page_size();
    int page_index = page_size == 25 ? 0 : page_size == 100 ? 1 : 2;
    if (ImGui::Combo("per page", &page_index, kPageNames, 3)) results_.set_page_size(kPageSizes[page_index]);
    TermTooltip("Limit");
    ImGui::SameLine();
    samples_.DrawButton(ctx);
    samples_.DrawProgress();
  }

  void NewItem(AppContext& ctx) { editor_.NewItem(ctx, results_.table(), results_.key_types()); }

  // The editor writes to the loaded table; the rows show what it saved.
  void DrawEditor(AppContext& ctx) {
    if (const std::optional<items::ojson> saved = editor_.Draw(ctx, results_.table(), results_.key_names())) {
      results_.ReflectPut(*saved);
    }
  }

  items::ResultSet results_;
  items::ItemEditor editor_;
  items::SampleLoader samples_;
};

}  // namespace

std::unique_ptr<Panel> MakeItemsPanel() { return std::make_unique<ItemsPanel>(); }

}  // namespace ddb::app
