// Shared widgets of the panels (ui_util.h).
#include "ui_util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "ddb/json_api.h"
#include "platform.h"

namespace ddb::app {

// [SECTION] Text inputs over std::string ------------------------------------------------------------

static int ResizeCallback(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* str = static_cast<std::string*>(data->UserData);
    str->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = str->data();
  }
  return 0;
}

bool InputString(const char* label, std::string* text, ImGuiInputTextFlags flags) {
  return ImGui::InputText(label, text->data(), text->capacity() + 1, flags | ImGuiInputTextFlags_CallbackResize,
                          ResizeCallback, text);
}

bool InputStringWithHint(const char* label, const char* hint, std::string* text, ImGuiInputTextFlags flags) {
  return ImGui::InputTextWithHint(label, hint, text->data(), text->capacity() + 1,
                                  flags | ImGuiInputTextFlags_CallbackResize, ResizeCallback, text);
}

bool InputStringMultiline(const char* label, std::string* text, ImVec2 size, ImGuiInputTextFlags flags) {
  return ImGui::InputTextMultiline(label, text->data(), text->capacity() + 1, size,
                                   flags | ImGuiInputTextFlags_CallbackResize, ResizeCallback, text);
}

// [SECTION] Glossary --------------------------------------------------------------------------------

struct GlossaryEntry {
  const char* term;
  const char* text;
};

static const GlossaryEntry kGlossary[] = {
    {"Partition key", "The HASH key. DynamoDB hashes it to choose the partition that stores the item. Every "
                      "Query needs an equality condition on it."},
    {"Sort key", "The RANGE key. Items with the same partition key are stored sorted by it, so a Query can "
                 "ask for ranges (<, between, begins_with) and read them in order."},
    {"Billing mode", "PAY_PER_REQUEST (on-demand): pay per request, no throttling from provisioned limits. "
                     "PROVISIONED: you set read and write capacity units per second; requests beyond them "
                     "(after burst capacity) are throttled."},
    {"RCU", "Read capacity unit: one strongly consistent read per second of an item up to 4 KB, or two "
            "eventually consistent reads."},
    {"WCU", "Write capacity unit: one write per second of an item up to 1 KB."},
    {"GSI", "Global secondary index: another partition (and optional sort) key over the same items, with its "
            "own capacity. Updated asynchronously (eventually consistent)."},
    {"LSI", "Local secondary index: the same partition key with another sort key. Must be created with the "
            "table; shares its capacity; supports strongly consistent reads."},
    {"Projection", "Which attributes an index copies: KEYS_ONLY (table and index keys), INCLUDE (plus the "
                   "listed ones), ALL (every attribute)."},
    {"Item count", "DynamoDB updates ItemCount and TableSizeBytes about every six hours; the sandbox shows "
                   "them live."},
    {"Key condition", "KeyConditionExpression: equality on the partition key, optionally a condition on the "
                      "sort key. Query reads only the matching items, so you pay only for those."},
    {"Filter", "FilterExpression: applied after the items are read. Filtered-out items still cost read "
               "units (ScannedCount counts them, Count does not)."},
    {"Projection expression", "ProjectionExpression: which attributes to return. It does not reduce the read "
                              "units consumed (those depend on the item size read)."},
    {"ScannedCount", "How many items DynamoDB read (and charged for) before the filter."},
    {"Count", "How many items matched after the filter."},
    {"Scan", "Reads every item of the table or index, page by page (1 MB each): cost grows with the table, "
             "not with the result."},
    {"Query", "Reads one item collection (one partition key value), optionally a sort key range: cost grows "
              "with the result only."},
    {"Consistent read", "ConsistentRead=true: strongly consistent (sees every write acknowledged before it), "
                        "costs twice the read units. Not available on GSIs."},
    {"Scan index forward", "ScanIndexForward: true for ascending sort key order (default), false for "
                           "descending."},
    {"Limit", "The most items to evaluate (before the filter) in one page. With a filter a page may hold "
              "fewer matches; follow LastEvaluatedKey for more."},
    {"LastEvaluatedKey", "Where a page ended. Send it back as ExclusiveStartKey to read the next page."},
    {"Consumed capacity", "ReturnConsumedCapacity=TOTAL asks DynamoDB to report the capacity units the "
                          "request used."},
    {"Throttled", "A request refused with ProvisionedThroughputExceededException because the provisioned "
                  "rate and the burst capacity (up to 300 seconds of unused capacity) were used up."},
    {"TTL", "Time to Live: an item whose TTL attribute (epoch seconds) is in the past gets deleted by a "
            "background sweeper, free of write units, typically within a few days."},
    {"Virtual clock", "The sandbox's own time. It can run at a speed, pause, or jump ahead; TTL, GSI "
                      "propagation, capacity refills and stream retention all follow it."},
    {"DynamoDB JSON", "The wire format: every value tagged with its type, e.g. {\"S\": \"text\"}, "
                      "{\"N\": \"42\"}, {\"BOOL\": true}, {\"M\": {...}}, {\"L\": [...]}."},
    {"Table status", "CREATING, ACTIVE, UPDATING or DELETING. Data-plane requests work once ACTIVE."},
};

const char* GlossaryText(std::string_view term) {
  for (const GlossaryEntry& e : kGlossary) {
    if (term == e.term) return e.text;
  }
  return nullptr;
}

void TermTooltip(std::string_view term) {
  const char* text = GlossaryText(term);
  if (text == nullptr || !ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void TermHelp(std::string_view term) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  TermTooltip(term);
}

// [SECTION] Errors and colours ----------------------------------------------------------------------

ImVec4 ErrorColor() {
  return ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x > 0.5f ? ImVec4(0.75f, 0.1f, 0.1f, 1.0f)
                                                               : ImVec4(1.0f, 0.45f, 0.4f, 1.0f);
}
ImVec4 OkColor() {
  return ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x > 0.5f ? ImVec4(0.1f, 0.5f, 0.15f, 1.0f)
                                                               : ImVec4(0.45f, 0.85f, 0.5f, 1.0f);
}

void FieldError(const std::string& message) {
  if (message.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor());
  ImGui::TextWrapped("%s", message.c_str());
  ImGui::PopStyleColor();
}

std::string ErrorMessage(const JsonResponse& response) {
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  std::string message;
  if (body.is_object()) {
    if (body.contains("message")) message = body["message"].get<std::string>();
    else if (body.contains("Message")) message = body["Message"].get<std::string>();
  }
  return response.error_type + ": " + message;
}

// [SECTION] JSON ------------------------------------------------------------------------------------

static void JsonNode(const std::string& key, const nlohmann::json& v, int depth, bool open_first) {
  if (v.is_object() || v.is_array()) {
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_SpanAvailWidth;
    if (depth == 0 && open_first) flags |= ImGuiTreeNodeFlags_DefaultOpen;
    char label[160];
    std::snprintf(label, sizeof(label), "%s %s", key.c_str(),
                  v.is_object() ? (v.empty() ? "{}" : "{...}") : ("[" + std::to_string(v.size()) + "]").c_str());
    if (ImGui::TreeNodeEx(key.c_str(), flags, "%s", label)) {
      if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) JsonNode(it.key(), it.value(), depth + 1, open_first);
      } else {
        for (size_t i = 0; i < v.size(); ++i) JsonNode("[" + std::to_string(i) + "]", v[i], depth + 1, open_first);
      }
      ImGui::TreePop();
    }
    return;
  }
  ImGui::TreeNodeEx(key.c_str(), ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen, "%s:", key.c_str());
  ImGui::SameLine();
  const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  if (v.is_string()) {
    ImGui::TextUnformatted(text.c_str());
  } else {
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", text.c_str());
  }
}

void JsonTree(const char* id, const nlohmann::json& value, bool open_first_level) {
  ImGui::PushID(id);
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) JsonNode(it.key(), it.value(), 0, open_first_level);
  } else {
    JsonNode("value", value, 0, open_first_level);
  }
  ImGui::PopID();
}

std::string PrettyJson(std::string_view text) {
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return std::string(text);
  return parsed.dump(2);
}

// [SECTION] Formatting ------------------------------------------------------------------------------

std::string FormatVirtualTime(int64_t epoch_ms) {
  const std::time_t secs = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string FormatBytes(int64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof(buf), "%lld B", static_cast<long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof(buf), "%.1f KB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof(buf), "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  return buf;
}

std::string AttributeDisplay(const nlohmann::ordered_json& av, size_t max_len) {
  if (!av.is_object() || av.empty()) return "";
  const std::string& type = av.begin().key();
  const nlohmann::ordered_json& v = av.begin().value();
  std::string out;
  if (type == "S" || type == "N" || type == "B") {
    out = v.is_string() ? v.get<std::string>() : v.dump();
  } else if (type == "BOOL") {
    out = v.dump();
  } else if (type == "NULL") {
    out = "null";
  } else if (type == "L" || type == "SS" || type == "NS" || type == "BS") {
    out = type + "[" + std::to_string(v.size()) + "]";
  } else if (type == "M") {
    out = "{" + std::to_string(v.size()) + " attrs}";
  } else {
    out = v.dump();
  }
  if (out.size() > max_len) out = out.substr(0, max_len - 3) + "...";
  return out;
}

void CopyText(const std::string& text) {
  ImGui::SetClipboardText(text.c_str());
  PlatformCopyToClipboard(text);
}

void ShortcutTooltip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal)) ImGui::SetTooltip("Shortcut: %s", text);
}

// [SECTION] Status chips and indeterminate bars ----------------------------------------------------------

void StatusChip(std::string_view status) {
  ImVec4 color(0.45f, 0.47f, 0.52f, 1);
  if (status == "COMPLETED" || status == "ACTIVE" || status == "ENABLED") color = ImVec4(0.20f, 0.55f, 0.30f, 1);
  else if (status == "FAILED" || status == "CANCELLED" || status == "CANCELLING") color = ImVec4(0.70f, 0.20f, 0.20f, 1);
  else if (status == "IN_PROGRESS" || status == "CREATING" || status == "UPDATING") color = ImVec4(0.75f, 0.52f, 0.10f, 1);
  const std::string text(status);
  const ImVec2 pad(ImGui::GetFontSize() * 0.35f, 1);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p1(p0.x + size.x + pad.x * 2, p0.y + size.y + pad.y * 2);
  ImGui::Dummy(ImVec2(p1.x - p0.x, p1.y - p0.y));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(color), size.y * 0.5f);
  dl->AddText(ImVec2(p0.x + pad.x, p0.y + pad.y), IM_COL32(255, 255, 255, 255), text.c_str());
}

void IndeterminateBar(const char* label, float width) {
  if (width < 0) width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetFrameHeight();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
  // A band a quarter as wide as the bar, sweeping once a second and a half (real time: an animation).
  const float band = width * 0.25f;
  const float t = static_cast<float>(std::fmod(ImGui::GetTime(), 1.5) / 1.5);
  const float x0 = p0.x - band + (width + band) * t;
  dl->AddRectFilled(ImVec2(std::max(p0.x, x0), p0.y), ImVec2(std::min(p0.x + width, x0 + band), p0.y + height),
                    ImGui::GetColorU32(ImGuiCol_PlotHistogram), ImGui::GetStyle().FrameRounding);
  const ImVec2 text = ImGui::CalcTextSize(label);
  dl->AddText(ImVec2(p0.x + (width - text.x) * 0.5f, p0.y + (height - text.y) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), label);
}

}  // namespace ddb::app
