// The item editor's form model: an item as a list of typed attributes (FormAttr) and the pure
// conversions between it and DynamoDB JSON. No ImGui state. DynamoDB's own rules (empty sets,
// duplicate members, number syntax) are not checked here: the item is sent and DynamoDB says.
#pragma once

#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ddb::app::items {

using ojson = nlohmann::ordered_json;

// The attribute types the form offers, in the order of its type combo (FormAttr::type indexes it).
inline constexpr const char* const kTypes[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
inline constexpr int kTypeCount = static_cast<int>(std::size(kTypes));

// One attribute in the editor's form view. value: the text of S/N/B, "true"/"false" for BOOL,
// JSON text of the inner value for M and L. members: the members of SS/NS/BS (numbers as text,
// binary as base64), kept as typed: duplicates and empty sets are DynamoDB's to refuse.
struct FormAttr {
  std::string name;
  int type = 0;  // index into kTypes
  std::string value;
  std::vector<std::string> members;
};

// True for "SS", "NS" and "BS".
bool IsSetType(const std::string& type);

// The index of `type` in kTypes; 0 ("S") for a name it does not hold.
int TypeIndex(const std::string& type);

// The form of a DynamoDB JSON item ({"a": {"S": "x"}, ...}), attributes in the item's order.
// Members that are not a one-type object are left out.
std::vector<FormAttr> FormFromItem(const ojson& item);

// The form as DynamoDB JSON. Attributes without a name are left out. An M or L value that is not
// JSON is left out too, with a message in (*errors)[name]; errors is never cleared here.
// REQUIRES: errors != nullptr.
ojson ItemFromForm(const std::vector<FormAttr>& form, std::map<std::string, std::string>* errors);

// The type combo changed from `from` to `to`: carries the value over between the text form (S, N,
// B, L, ...) and the members form (SS, NS, BS) when the target is still empty. Does not change
// a->type (the caller sets it).
void CarryValue(FormAttr* a, const std::string& from, const std::string& to);

}  // namespace ddb::app::items
