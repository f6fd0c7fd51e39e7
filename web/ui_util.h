// Small widgets the panels share: std::string text inputs, DynamoDB term tooltips (a glossary),
// errors shown next to a field, JSON as a tree, and a few formatting helpers.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "imgui.h"

namespace ddb {
struct JsonResponse;
}

namespace ddb::app {

// ImGui::InputText over a std::string (grows as the user types).
bool InputString(const char* label, std::string* text, ImGuiInputTextFlags flags = 0);
bool InputStringWithHint(const char* label, const char* hint, std::string* text, ImGuiInputTextFlags flags = 0);
bool InputStringMultiline(const char* label, std::string* text, ImVec2 size, ImGuiInputTextFlags flags = 0);

// The glossary text of a DynamoDB term ("Partition key", "GSI", "RCU", ...), or nullptr.
const char* GlossaryText(std::string_view term);
// A dimmed "(?)" after the previous item whose tooltip explains the term.
void TermHelp(std::string_view term);
// Tooltip on the previous item explaining the term (when hovered).
void TermTooltip(std::string_view term);

// Red wrapped text, for an error under the field that caused it. Nothing when message is empty.
void FieldError(const std::string& message);
// An error response as display text: "<error_type>: <message>" (the body's message or Message).
// For showing only: decide on error_type / error_field, never on this text.
std::string ErrorMessage(const JsonResponse& response);
ImVec4 ErrorColor();
ImVec4 OkColor();

// A job or resource status ("COMPLETED", "IN_PROGRESS", "FAILED", ...) as a small coloured chip:
// green for COMPLETED / ACTIVE, amber for IN_PROGRESS and other in-between states, red for FAILED,
// CANCELLED and CANCELLING, grey otherwise.
void StatusChip(std::string_view status);
// An indeterminate progress bar (a band sweeping across) for work whose length no API reports, with
// `label` on it; width -1: the available width.
void IndeterminateBar(const char* label, float width = -1);

// A JSON document as an expandable tree (objects and arrays are nodes, scalars leaves).
void JsonTree(const char* id, const nlohmann::json& value, bool open_first_level = true);
// Pretty-printed JSON (2 spaces) of text; the text itself when it does not parse.
std::string PrettyJson(std::string_view text);

// "2026-01-01 12:00:00" (UTC) from epoch milliseconds.
std::string FormatVirtualTime(int64_t epoch_ms);
// "1.2 KB", "3.4 MB".
std::string FormatBytes(int64_t bytes);

// One DynamoDB attribute value ({"S":"x"}) as short display text: `x`, `42`, `true`, `[3 items]`...
std::string AttributeDisplay(const nlohmann::ordered_json& av, size_t max_len = 60);

// Copies text to the clipboard: ImGui/SDL, and navigator.clipboard in the browser.
void CopyText(const std::string& text);

// A keyboard shortcut hint after the previous item's tooltip: "Ctrl+Enter".
void ShortcutTooltip(const char* text);

}  // namespace ddb::app
