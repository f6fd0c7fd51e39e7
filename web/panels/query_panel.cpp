// Query and Scan builder: key condition inputs (partition key value, sort key operator and values),
// a filter builder (conditions joined by AND or OR, each optionally negated with NOT), projection, index picker, direction, limit, consistent read and paging. Results
// show Count, ScannedCount and the read units consumed, and the last Query and Scan of the table sit
// side by side, with a button that runs the same search as a Scan (key condition turned into a
// filter) to show why Query beats Scan. Requests go through the JSON API (logged in the console).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ui_util.h"

namespace ddb::app {
namespace {

using ojson = nlohmann::ordered_json;

const char* const kSkOps[] = {"(none)", "=", "<", "<=", ">", ">=", "begins_with", "between"};
const char* const kFilterOps[] = {"=", "<>", "<", "<=", ">", ">=", "begins_with", "contains", "attribute_exists",
                                  "attribute_not_exists"};
const char* const kValueTypes[] = {"S", "N", "BOOL"};

struct FilterRow {
  std::string attr;
  int op = 0;
  std::string value;
  int type = 0;
  bool or_before = false;  // joined to the previous condition with OR (else AND); ignored on the first
  bool negate = false;     // NOT (condition)
};

struct RunStats {
  bool valid = false;
  int64_t count = 0, scanned = 0;
  double units = 0;
  int pages = 0;
};

ojson TypedValue(const std::string& type, const std::string& text) {
  if (type == "BOOL") return ojson{{"BOOL", text == "true"}};
  return ojson{{type, text}};
}

// The filter rows as a FilterExpression with placeholders (#f<i> for names, :f<i> for values) added
// to names/values. DynamoDB evaluates NOT before AND before OR
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence);
// the text makes that visible: each run of AND-ed conditions with more than one condition is
// parenthesised when ORs join runs, e.g. "(#f0 = :f0 AND #f1 > :f1) OR NOT begins_with(#f2, :f2)".
// Rows without an attribute name are skipped. *or_groups: how many OR-joined runs there are.
std::string FilterExpressionOf(const std::vector<FilterRow>& rows, ojson* names, ojson* values, int* or_groups) {
  std::vector<std::vector<std::string>> groups;
  for (size_t i = 0; i < rows.size(); ++i) {
    const FilterRow& f = rows[i];
    if (f.attr.empty()) continue;
    const std::string n = "#f" + std::to_string(i);
    const std::string v = ":f" + std::to_string(i);
    (*names)[n] = f.attr;
    const std::string op = kFilterOps[f.op];
    std::string cond;
    bool is_function = true;
    if (op == "attribute_exists" || op == "attribute_not_exists") {
      cond = op + "(" + n + ")";
    } else {
      (*values)[v] = TypedValue(kValueTypes[f.type], f.value);
      if (op == "begins_with" || op == "contains") {
        cond = op + "(" + n + ", " + v + ")";
      } else {
        cond = n + " " + op + " " + v;
        is_function = false;
      }
    }
    if (f.negate) cond = is_function ? "NOT " + cond : "NOT (" + cond + ")";
    if (groups.empty() || f.or_before) groups.emplace_back();
    groups.back().push_back(cond);
  }
  std::string out;
  for (const std::vector<std::string>& g : groups) {
    std::string run;
    for (const std::string& c : g) run += (run.empty() ? "" : " AND ") + c;
    if (groups.size() > 1 && g.size() > 1) run = "(" + run + ")";
    out += (out.empty() ? "" : " OR ") + run;
  }
  *or_groups = static_cast<int>(groups.size());
  return out;
}

std::string MessageOf(const JsonResponse& r) {
  const nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  std::string message;
  if (body.is_object() && body.contains("message")) message = body["message"].get<std::string>();
  else if (body.is_object() && body.contains("Message")) message = body["Message"].get<std::string>();
  return r.error_type + ": " + message;
}

class QueryPanel final : public Panel {
 public:
  const char* Title() const override { return "Query & Scan"; }
  ImVec2 DefaultSize() const override { return ImVec2(560, 326); }
  ImVec2 DefaultPos() const override { return ImVec2(8, 472); }

  void DrawContent(AppContext& ctx) override {
    const std::string table = ctx.selected_table();
    if (table.empty()) {
      ImGui::TextWrapped("No table selected. Create a table or load sample data, then build a Query or Scan here.");
      return;
    }
    Result<TableDescription> d = ctx.region().DescribeTable(table);
    if (!d.ok()) return;
    if (table != table_) {
      table_ = table;
      index_ = 0;
      pk_value_.clear();
      sk_op_ = 0;
      results_.clear();
      last_key_ = nullptr;
      error_.clear();
      query_stats_ = scan_stats_ = RunStats();
    }
    // Index choices: the table, then GSIs, then LSIs.
    std::vector<std::string> index_names = {"(table) " + table};
    std::vector<std::vector<KeySchemaElement>> schemas = {d->key_schema};
    for (const IndexDescription& g : d->global_secondary_indexes) {
      index_names.push_back("GSI " + g.index_name);
      schemas.push_back(g.key_schema);
    }
    for (const IndexDescription& l : d->local_secondary_indexes) {
      index_names.push_back("LSI " + l.index_name);
      schemas.push_back(l.key_schema);
    }
    if (index_ >= static_cast<int>(index_names.size())) index_ = 0;
    const std::vector<KeySchemaElement>& schema = schemas[static_cast<size_t>(index_)];
    auto type_of = [&d](const std::string& attr) {
      for (const AttributeDefinition& a : d->attribute_definitions) {
        if (a.attribute_name == attr) return a.attribute_type;
      }
      return std::string("S");
    };
    const std::string pk = schema.empty() ? "" : schema[0].attribute_name;
    const std::string sk = schema.size() > 1 ? schema[1].attribute_name : "";

    if (ImGui::RadioButton("Query", !scan_)) scan_ = false;
    ctx.TagItem("query.mode_query");
    TermTooltip("Query");
    ImGui::SameLine();
    if (ImGui::RadioButton("Scan", scan_)) scan_ = true;
    ctx.TagItem("query.mode_scan");
    TermTooltip("Scan");
    ImGui::SameLine();
    ImGui::TextDisabled("on");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::BeginCombo("##index", index_names[static_cast<size_t>(index_)].c_str())) {
      for (int i = 0; i < static_cast<int>(index_names.size()); ++i) {
        if (ImGui::Selectable(index_names[static_cast<size_t>(i)].c_str(), i == index_)) index_ = i;
      }
      ImGui::EndCombo();
    }
    ctx.TagItem("query.index");

    const float w = ImGui::GetFontSize() * 10;
    if (!scan_) {
      ImGui::SeparatorText("Key condition");
      TermTooltip("Key condition");
      ImGui::AlignTextToFramePadding();
      ImGui::Text("%s =", pk.c_str());
      TermTooltip("Partition key");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(w);
      InputStringWithHint("##pk", (type_of(pk) + " value").c_str(), &pk_value_);
      ctx.TagItem("query.pk_value");
      if (!sk.empty()) {
        ImGui::SameLine();
        ImGui::Text("and %s", sk.c_str());
        TermTooltip("Sort key");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::Combo("##skop", &sk_op_, kSkOps, IM_ARRAYSIZE(kSkOps));
        ctx.TagItem("query.sk_op");
        if (sk_op_ > 0) {
          ImGui::SameLine();
          ImGui::SetNextItemWidth(w * 0.8f);
          InputStringWithHint("##sk1", (type_of(sk) + " value").c_str(), &sk_value_);
          ctx.TagItem("query.sk_value");
          if (sk_op_ == 7) {
            ImGui::SameLine();
            ImGui::TextUnformatted("and");
            ImGui::SameLine();
            ImGui::SetNextItemWidth(w * 0.8f);
            InputStringWithHint("##sk2", "upper bound", &sk_value2_);
          }
        }
      }
      FieldError(key_error_);
    }

    const bool options_open = ImGui::TreeNode("Filter, projection, options");
    ctx.TagItem("query.options");
    if (options_open) {
      int remove = -1;
      const float connector_w = ImGui::GetFontSize() * 3.2f;
      for (size_t i = 0; i < filters_.size(); ++i) {
        FilterRow& f = filters_[i];
        ImGui::PushID(static_cast<int>(i));
        const std::string tag = "query.filter." + std::to_string(i);
        // How this condition joins the ones above: a button that switches AND / OR.
        const float row_x = ImGui::GetCursorPosX();
        if (i == 0) {
          ImGui::AlignTextToFramePadding();
          ImGui::TextDisabled("where");
        } else if (ImGui::Button(f.or_before ? "OR" : "AND", ImVec2(connector_w, 0))) {
          f.or_before = !f.or_before;
        }
        if (i > 0) {
          ctx.TagItem((tag + ".connector").c_str());
          if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Click to switch AND / OR. AND binds tighter than OR: a OR b AND c means a OR (b AND c).");
          }
        }
        ImGui::SameLine(row_x + connector_w + ImGui::GetStyle().ItemSpacing.x);
        ImGui::Checkbox("NOT", &f.negate);
        ctx.TagItem((tag + ".not").c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.5f);
        InputStringWithHint("##attr", "attribute", &f.attr);
        ctx.TagItem((tag + ".attr").c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::Combo("##op", &f.op, kFilterOps, IM_ARRAYSIZE(kFilterOps));
        ctx.TagItem((tag + ".op").c_str());
        if (f.op < 8) {
          ImGui::SameLine();
          ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.5f);
          InputStringWithHint("##v", "value", &f.value);
          ctx.TagItem((tag + ".value").c_str());
          ImGui::SameLine();
          ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
          ImGui::Combo("##t", &f.type, kValueTypes, 3);
          ctx.TagItem((tag + ".type").c_str());
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
        ImGui::PopID();
      }
      if (remove >= 0) filters_.erase(filters_.begin() + remove);
      if (ImGui::SmallButton("+ Filter condition")) filters_.push_back(FilterRow());
      ctx.TagItem("query.add_filter");
      TermHelp("Filter");
      {  // The expression these rows make, with its placeholders (hover: what they stand for).
        ojson names = ojson::object();
        ojson values = ojson::object();
        int or_groups = 0;
        filter_preview_ = FilterExpressionOf(filters_, &names, &values, &or_groups);
        if (!filter_preview_.empty()) {
          ImGui::PushFont(ctx.mono_font());
          ImGui::TextWrapped("FilterExpression: %s", filter_preview_.c_str());
          ImGui::PopFont();
          ctx.TagItem("query.filter_preview");
          if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("ExpressionAttributeNames: %s\nExpressionAttributeValues: %s", names.dump().c_str(),
                              values.dump().c_str());
          }
        }
      }
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
      InputStringWithHint("Projection", "attributes, comma separated (empty: all)", &projection_);
      TermTooltip("Projection expression");
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
      ImGui::InputInt("Limit", &limit_, 0);
      TermTooltip("Limit");
      limit_ = std::max(0, limit_);
      if (!scan_) {
        ImGui::SameLine();
        ImGui::Checkbox("Descending", &descending_);
        TermTooltip("Scan index forward");
      }
      ImGui::SameLine();
      ImGui::Checkbox("Consistent read", &consistent_);
      TermTooltip("Consistent read");
      ImGui::TreePop();
    }

    const std::string message = ctx.TakeMessage(Title());
    if (message.rfind("demo ", 0) == 0) {  // App::StartDemo: a Query and the same search as a Scan
      scan_ = false;
      pk_value_ = message.substr(5);
      Run(ctx, pk, sk, type_of(pk), type_of(sk), false, true);
      Run(ctx, pk, sk, type_of(pk), type_of(sk), true, true, true);
      Run(ctx, pk, sk, type_of(pk), type_of(sk), false, true);
    }
    const bool run_key = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                         ImGui::IsKeyChordPressed(ImGuiMod_Ctrl | ImGuiKey_Enter);
    if (ImGui::Button(scan_ ? "Run Scan" : "Run Query") || run_key) Run(ctx, pk, sk, type_of(pk), type_of(sk), scan_, true);
    ctx.TagItem("query.run");
    ShortcutTooltip("Ctrl+Enter");
    ImGui::SameLine();
    ImGui::BeginDisabled(last_key_.is_null());
    if (ImGui::Button("Next page")) Run(ctx, pk, sk, type_of(pk), type_of(sk), last_was_scan_, false);
    ImGui::EndDisabled();
    ctx.TagItem("query.next_page");
    if (!scan_) {
      ImGui::SameLine();
      if (ImGui::Button("Same search as a Scan")) Run(ctx, pk, sk, type_of(pk), type_of(sk), true, true, true);
      ctx.TagItem("query.compare_scan");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Runs a Scan with the key condition as a filter, to compare the read units.");
    }
    FieldError(error_);

    DrawComparison();
    DrawResults();
  }

  std::string TestState() const override {
    return nlohmann::json{{"table", table_},
                          {"results", results_.size()},
                          {"count", last_.count},
                          {"scannedCount", last_.scanned},
                          {"units", last_.units},
                          {"error", error_},
                          {"filterExpression", filter_preview_},
                          {"queryValid", query_stats_.valid},
                          {"scanValid", scan_stats_.valid}}
        .dump();
  }

 private:
  void Run(AppContext& ctx, const std::string& pk, const std::string& sk, const std::string& pk_type,
           const std::string& sk_type, bool scan, bool first, bool key_as_filter = false) {
    key_error_.clear();
    error_.clear();
    ojson req = {{"TableName", table_}};
    if (index_ > 0) {
      const std::string& label = index_label_cache(ctx);
      req["IndexName"] = label;
    }
    ojson names = ojson::object();
    ojson values = ojson::object();
    std::vector<std::string> filter_parts;
    std::string key_condition;
    if (!scan || key_as_filter) {
      if (pk_value_.empty() && !key_as_filter) {
        key_error_ = "Enter the partition key value: a Query reads one partition.";
        return;
      }
      names["#pk"] = pk;
      values[":pk"] = TypedValue(pk_type, pk_value_);
      key_condition = "#pk = :pk";
      if (!sk.empty() && sk_op_ > 0) {
        names["#sk"] = sk;
        values[":sk"] = TypedValue(sk_type, sk_value_);
        const std::string op = kSkOps[sk_op_];
        if (op == "begins_with") key_condition += " AND begins_with(#sk, :sk)";
        else if (op == "between") {
          values[":sk2"] = TypedValue(sk_type, sk_value2_);
          key_condition += " AND #sk BETWEEN :sk AND :sk2";
        } else {
          key_condition += " AND #sk " + op + " :sk";
        }
      }
      if (key_as_filter) filter_parts.push_back(key_condition);
    }
    int or_groups = 0;
    const std::string filter = FilterExpressionOf(filters_, &names, &values, &or_groups);
    if (!filter.empty()) filter_parts.push_back(or_groups > 1 && !filter_parts.empty() ? "(" + filter + ")" : filter);
    if (!scan) req["KeyConditionExpression"] = key_condition;
    if (!filter_parts.empty()) {
      std::string joined;
      for (const std::string& p : filter_parts) joined += (joined.empty() ? "" : " AND ") + p;
      req["FilterExpression"] = joined;
    }
    if (!projection_.empty()) {
      std::string proj;
      size_t start = 0;
      int k = 0;
      while (start <= projection_.size()) {
        size_t comma = projection_.find(',', start);
        if (comma == std::string::npos) comma = projection_.size();
        std::string a = projection_.substr(start, comma - start);
        a.erase(0, a.find_first_not_of(' '));
        a.erase(a.find_last_not_of(' ') + 1);
        if (!a.empty()) {
          const std::string n = "#p" + std::to_string(k++);
          names[n] = a;
          proj += (proj.empty() ? "" : ", ") + n;
        }
        start = comma + 1;
      }
      if (!proj.empty()) req["ProjectionExpression"] = proj;
    }
    if (!names.empty()) req["ExpressionAttributeNames"] = names;
    if (!values.empty()) req["ExpressionAttributeValues"] = values;
    if (limit_ > 0) req["Limit"] = limit_;
    if (!scan && descending_) req["ScanIndexForward"] = false;
    if (consistent_) req["ConsistentRead"] = true;
    req["ReturnConsumedCapacity"] = "TOTAL";
    if (!first) req["ExclusiveStartKey"] = last_key_;

    const JsonResponse r = ctx.Request(scan ? "Scan" : "Query", req.dump());
    if (!r.ok()) {
      // Errors about the key condition go next to the key fields (the engine names the field).
      const std::string m = MessageOf(r);
      if (r.error_field == "KeyConditionExpression" || r.error_field == "KeyConditions" || r.error_field == "ExclusiveStartKey") key_error_ = m;
      else error_ = m;
      return;
    }
    ojson body = ojson::parse(r.body, nullptr, false);
    if (first) results_.clear();
    if (body.contains("Items")) {
      for (ojson& item : body["Items"]) results_.push_back(std::move(item));
    }
    last_key_ = body.contains("LastEvaluatedKey") ? body["LastEvaluatedKey"] : ojson(nullptr);
    last_was_scan_ = scan;
    RunStats& stats = scan ? scan_stats_ : query_stats_;
    if (first) stats = RunStats();
    stats.valid = true;
    stats.count += body.value("Count", 0);
    stats.scanned += body.value("ScannedCount", 0);
    if (body.contains("ConsumedCapacity")) stats.units += body["ConsumedCapacity"].value("CapacityUnits", 0.0);
    ++stats.pages;
    last_ = stats;
    columns_.clear();
    for (const ojson& item : results_) {
      for (auto it = item.begin(); it != item.end() && columns_.size() < 12; ++it) {
        if (std::find(columns_.begin(), columns_.end(), it.key()) == columns_.end()) columns_.push_back(it.key());
      }
      if (columns_.size() >= 12) break;
    }
  }

  const std::string& index_label_cache(AppContext& ctx) {
    // The index name behind the picker's position (GSIs first, then LSIs).
    index_name_.clear();
    Result<TableDescription> d = ctx.region().DescribeTable(table_);
    if (!d.ok()) return index_name_;
    int i = 1;
    for (const IndexDescription& g : d->global_secondary_indexes) {
      if (i++ == index_) index_name_ = g.index_name;
    }
    for (const IndexDescription& l : d->local_secondary_indexes) {
      if (i++ == index_) index_name_ = l.index_name;
    }
    return index_name_;
  }

  void DrawComparison() {
    if (!query_stats_.valid && !scan_stats_.valid) return;
    if (!ImGui::BeginTable("compare", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("Count");
    ImGui::TableSetupColumn("ScannedCount");
    ImGui::TableSetupColumn("Read units");
    ImGui::TableSetupColumn("Pages");
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    const char* const headers[] = {"", "Count", "ScannedCount", "Read units", "Pages"};
    const char* const terms[] = {"", "Count", "ScannedCount", "RCU", "LastEvaluatedKey"};
    for (int i = 0; i < 5; ++i) {
      ImGui::TableSetColumnIndex(i);
      ImGui::TableHeader(headers[i]);
      TermTooltip(terms[i]);
    }
    auto row = [](const char* name, const RunStats& s) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name);
      ImGui::TableNextColumn();
      if (!s.valid) {
        ImGui::TextDisabled("not run");
        return;
      }
      ImGui::Text("%lld", static_cast<long long>(s.count));
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(s.scanned));
      ImGui::TableNextColumn();
      ImGui::Text("%g", s.units);
      ImGui::TableNextColumn();
      ImGui::Text("%d", s.pages);
    };
    row("Last Query", query_stats_);
    row("Last Scan", scan_stats_);
    ImGui::EndTable();
    if (query_stats_.valid && scan_stats_.valid && query_stats_.units > 0) {
      ImGui::TextWrapped("The Scan read %lld items and used %.1fx the read units of the Query: a Query reads only "
                         "the matching item collection, a Scan reads the whole table and filters afterwards.",
                         static_cast<long long>(scan_stats_.scanned), scan_stats_.units / query_stats_.units);
    }
  }

  void DrawResults() {
    if (!last_.valid) return;
    ImGui::Text("%zu item(s)%s", results_.size(), last_key_.is_null() ? "" : " - more pages (LastEvaluatedKey)");
    if (results_.empty()) {
      ImGui::TextDisabled("No items matched.");
      return;
    }
    const int ncols = static_cast<int>(columns_.size());
    if (ncols == 0) return;
    if (!ImGui::BeginTable("results", ncols, ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                                 ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                                 ImGuiTableFlags_SizingFixedFit,
                           ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, ImGui::GetFontSize() * 6)))) {
      return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const std::string& c : columns_) ImGui::TableSetupColumn(c.c_str(), 0, ImGui::GetFontSize() * 8);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(results_.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const ojson& item = results_[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        for (const std::string& c : columns_) {
          ImGui::TableNextColumn();
          const auto it = item.find(c);
          if (it != item.end()) ImGui::TextUnformatted(AttributeDisplay(*it, 40).c_str());
        }
      }
    }
    ImGui::EndTable();
  }

  std::string table_;
  int index_ = 0;
  std::string index_name_;
  bool scan_ = false;
  std::string pk_value_;
  int sk_op_ = 0;
  std::string sk_value_, sk_value2_;
  std::vector<FilterRow> filters_;
  std::string filter_preview_;  // the builder's FilterExpression as drawn last
  std::string projection_;
  int limit_ = 0;
  bool descending_ = false;
  bool consistent_ = false;
  std::string key_error_, error_;
  std::vector<ojson> results_;
  std::vector<std::string> columns_;
  ojson last_key_ = nullptr;
  bool last_was_scan_ = false;
  RunStats query_stats_, scan_stats_, last_;
};

}  // namespace

std::unique_ptr<Panel> MakeQueryPanel() { return std::make_unique<QueryPanel>(); }

}  // namespace ddb::app
