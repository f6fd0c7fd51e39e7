// The item editor's form model (item_form.h): FormAttr <-> DynamoDB JSON, and carrying a value over
// when an attribute's type changes. Pure functions.
#include "panels/items/item_form.h"

namespace ddb::app::items {

bool IsSetType(const std::string& type) { return type == "SS" || type == "NS" || type == "BS"; }

int TypeIndex(const std::string& type) {
  for (int i = 0; i < kTypeCount; ++i) {
    if (type == kTypes[i]) return i;
  }
  return 0;
}

std::vector<FormAttr> FormFromItem(const ojson& item) {
  std::vector<FormAttr> out;
  for (auto it = item.begin(); it != item.end(); ++it) {
    if (!it.value().is_object() || it.value().empty()) continue;
    FormAttr a;
    a.name = it.key();
    const std::string type = it.value().begin().key();
    const ojson& v = it.value().begin().value();
    a.type = TypeIndex(type);
    if (IsSetType(type) && v.is_array()) {
      for (const ojson& m : v) a.members.push_back(m.is_string() ? m.get<std::string>() : m.dump());
    } else if (v.is_string()) a.value = v.get<std::string>();
    else if (type == "NULL") a.value = "true";
    else if (type == "BOOL") a.value = v.get<bool>() ? "true" : "false";
    else a.value = v.dump();
    out.push_back(a);
  }
  return out;
}

ojson ItemFromForm(const std::vector<FormAttr>& form, std::map<std::string, std::string>* errors) {
  ojson item = ojson::object();
  for (const FormAttr& a : form) {
    if (a.name.empty()) continue;
    const std::string type = kTypes[a.type];
    if (type == "S" || type == "N" || type == "B") {
      item[a.name] = {{type, a.value}};
    } else if (type == "BOOL") {
      item[a.name] = {{type, a.value == "true"}};
    } else if (type == "NULL") {
      item[a.name] = {{type, true}};
    } else if (IsSetType(type)) {
      item[a.name] = {{type, a.members}};
    } else {
      ojson inner = ojson::parse(a.value.empty() ? (type == "M" ? "{}" : "[]") : a.value, nullptr, false);
      if (inner.is_discarded()) {
        (*errors)[a.name] = type + " value must be JSON (" + (type == "M" ? "an object of attribute values" : "an array") + ")";
        continue;
      }
      item[a.name] = {{type, inner}};
    }
  }
  return item;
}

void CarryValue(FormAttr* a, const std::string& from, const std::string& to) {
  if (IsSetType(to) && !IsSetType(from) && a->members.empty()) {
    const ojson parsed = ojson::parse(a->value, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_array()) {  // an L's JSON: take the members' inner values
      for (const ojson& m : parsed) {
        const ojson& inner = m.is_object() && m.size() == 1 ? m.begin().value() : m;
        a->members.push_back(inner.is_string() ? inner.get<std::string>() : inner.dump());
      }
    } else if (!a->value.empty()) {
      a->members.push_back(a->value);
    }
  } else if (IsSetType(from) && !IsSetType(to) && a->value.empty() && !a->members.empty()) {
    if (to == "L") {
      ojson list = ojson::array();
      for (const std::string& m : a->members) list.push_back({{from.substr(0, 1), m}});
      a->value = list.dump();
    } else if (to == "S" || to == "N" || to == "B") {
      a->value = a->members.front();
    }
  }
}

}  // namespace ddb::app::items
