// The "Import from S3" dialog (import_dialog.h).
#include "panels/s3_transfer/import_dialog.h"

#include <algorithm>
#include <map>

#include "ddb/compression.h"
#include "ddb/s3.h"
#include "ui_util.h"

namespace ddb::app::s3x {

namespace {

using Json = nlohmann::json;
constexpr const char* kPopup = "Import from S3";
const char* const kFormats[] = {"CSV", "DYNAMODB_JSON", "ION"};
const char* const kCompressions[] = {"NONE", "GZIP", "ZSTD"};
const char* const kTypes[] = {"S", "N", "B"};

// "name" + type combo on one line; ids from `id`.
// `ctx`: tag the name field "import.<id>.name" for tests (the table's keys; GSI rows repeat ids).
void KeyRow(const char* id, const char* hint, std::string* name, int* type, AppContext* ctx = nullptr) {
  ImGui::PushID(id);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  InputStringWithHint("##name", hint, name);
  if (ctx) ctx->TagItem((std::string("import.") + id + ".name").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
  ImGui::Combo("##type", type, kTypes, IM_ARRAYSIZE(kTypes));
  ImGui::PopID();
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const size_t a = cur.find_first_not_of(" \t"), b = cur.find_last_not_of(" \t");
    if (a != std::string::npos) out.push_back(cur.substr(a, b - a + 1));
    cur.clear();
  };
  for (const char c : text) {
    if (c == ',') flush();
    else cur += c;
  }
  flush();
  return out;
}

}  // namespace

void ImportDialog::Open(const std::string& bucket, const std::string& prefix) {
  if (!bucket.empty()) bucket_ = bucket;
  if (!prefix.empty()) prefix_ = prefix;
  open_ = true;
  error_.clear();
  ImGui::OpenPopup(kPopup);
}

bool ImportDialog::Draw(AppContext& ctx) {
  if (open_ && !ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return false;
  ImGui::TextUnformatted("ImportTable: S3 files into a new table");
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
  ImGui::TextDisabled("An import always creates a new table and uses no write capacity; bad lines are counted and logged to "
                      "CloudWatch Logs (/aws-dynamodb/imports) while the good ones are imported.");
  ImGui::PopTextWrapPos();
  DrawSource(ctx);
  DrawTable(ctx);
  bool started = false;
  if (ImGui::Button("Import")) {
    Send(ctx);
    if (error_.empty()) {
      started = true;
      open_ = false;
      ImGui::CloseCurrentPopup();
    }
  }
  ctx.TagItem("import.go");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ctx.TagItem("import.cancel");
  FieldError(error_);
  ImGui::EndPopup();
  return started;
}

void ImportDialog::DrawSource(AppContext& ctx) {
  ImGui::SeparatorText("Source (S3BucketSource)");
  const std::vector<const S3Bucket*> buckets = ctx.sandbox().s3().Buckets();
  if (bucket_.empty() && !buckets.empty()) bucket_ = buckets.front()->name;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::BeginCombo("S3 bucket", bucket_.empty() ? "(no bucket yet)" : bucket_.c_str())) {
    for (const S3Bucket* b : buckets) {
      if (ImGui::Selectable(b->name.c_str(), b->name == bucket_)) bucket_ = b->name;
      ctx.TagItem(("import.bucket." + b->name).c_str());
    }
    ImGui::EndCombo();
  }
  ctx.TagItem("import.bucket");
  if (buckets.empty()) ImGui::TextDisabled("Create a bucket and upload files in the S3 panel first.");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  InputStringWithHint("Key prefix", "e.g. uploads/ (every object under it)", &prefix_);
  ctx.TagItem("import.prefix");
  if (const S3Bucket* b = ctx.sandbox().s3().FindBucket(bucket_)) {
    size_t count = 0;
    int64_t bytes = 0;
    for (auto it = b->objects.lower_bound(prefix_); it != b->objects.end() && it->first.rfind(prefix_, 0) == 0; ++it) {
      ++count;
      bytes += it->second.size();
    }
    ImGui::TextDisabled("%zu objects (%s) under this prefix.", count, FormatBytes(bytes).c_str());
    // Until the learner picks them, the format and compression follow the first object under the
    // prefix: its name (.csv, .json, .ion, with .gz / .zst) and its magic bytes (an export's data/
    // folder is DynamoDB JSON or Ion, gzip).
    auto first = b->objects.lower_bound(prefix_);
    while (first != b->objects.end() && first->first.rfind(prefix_, 0) == 0 && first->second.size() == 0) ++first;
    if (first != b->objects.end() && first->first.rfind(prefix_, 0) == 0) {
      const std::string& key = first->first;
      if (!format_chosen_) {
        if (key.find(".csv") != std::string::npos) format_ = 0;
        else if (key.find(".json") != std::string::npos) format_ = 1;
        else if (key.find(".ion") != std::string::npos) format_ = 2;
      }
      if (!compression_chosen_ && first->second.body) {
        const Compression c = DetectCompression(*first->second.body);
        compression_ = c == Compression::kGzip ? 1 : c == Compression::kZstd ? 2 : 0;
      }
    }
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::Combo("Input format", &format_, kFormats, IM_ARRAYSIZE(kFormats))) format_chosen_ = true;
  ctx.TagItem("import.format");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::Combo("Compression", &compression_, kCompressions, IM_ARRAYSIZE(kCompressions))) compression_chosen_ = true;
  ctx.TagItem("import.compression");
  if (!format_chosen_ || !compression_chosen_) ImGui::SetItemTooltip("Detected from the first object under the prefix until you pick.");
  if (format_ == 0) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3);
    InputString("Delimiter", &delimiter_);
    ImGui::SetItemTooltip("One character: , ; | tab (type \\t) or space.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    InputStringWithHint("Header list", "optional: pk,sk,name", &header_list_);
    ctx.TagItem("import.headers");
    ImGui::SetItemTooltip("Column names for files without a header row; leave empty when each file's first line is its header.\n"
                          "Non-key columns import as strings (S); empty cells are left out.");
  }
}

void ImportDialog::DrawTable(AppContext& ctx) {
  ImGui::SeparatorText("New table (TableCreationParameters)");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  InputStringWithHint("Table name", "a name no table of the Region has", &table_name_);
  ctx.TagItem("import.table");
  KeyRow("hash", "partition key", &hash_.name, &hash_.type, &ctx);
  ctx.TagItem("import.hash");
  ImGui::SameLine();
  TermHelp("Partition key");
  KeyRow("range", "sort key (optional)", &range_.name, &range_.type, &ctx);
  ctx.TagItem("import.range");
  if (ImGui::RadioButton("On-demand", !provisioned_)) provisioned_ = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Provisioned", provisioned_)) provisioned_ = true;
  TermHelp("Billing mode");
  if (provisioned_) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt("RCU", &rcu_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt("WCU", &wcu_);
  }
  for (size_t i = 0; i < gsis_.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    InputStringWithHint("##gsiname", "index name", &gsis_[i].name);
    ImGui::SameLine();
    KeyRow("gsihash", "partition key", &gsis_[i].hash.name, &gsis_[i].hash.type);
    ImGui::SameLine();
    KeyRow("gsirange", "sort key (optional)", &gsis_[i].range.name, &gsis_[i].range.type);
    ImGui::SameLine();
    const bool remove = ImGui::SmallButton("-");
    ImGui::PopID();
    if (remove) {
      gsis_.erase(gsis_.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  if (ImGui::SmallButton("+ GSI")) gsis_.push_back({});
  ImGui::SameLine();
  TermHelp("GSI");
  ImGui::SameLine();
  ImGui::TextDisabled("(GSIs project ALL; LSIs cannot be created by an import)");
}

void ImportDialog::Send(AppContext& ctx) {
  std::map<std::string, std::string> types;  // AttributeDefinitions: every key attribute once
  auto key_schema = [&](const KeyField& hash, const KeyField& range) {
    Json ks = Json::array({{{"AttributeName", hash.name}, {"KeyType", "HASH"}}});
    types[hash.name] = kTypes[hash.type];
    if (!range.name.empty()) {
      ks.push_back({{"AttributeName", range.name}, {"KeyType", "RANGE"}});
      types[range.name] = kTypes[range.type];
    }
    return ks;
  };
  Json params = {{"TableName", table_name_}, {"KeySchema", key_schema(hash_, range_)},
                 {"BillingMode", provisioned_ ? "PROVISIONED" : "PAY_PER_REQUEST"}};
  const Json throughput = {{"ReadCapacityUnits", rcu_}, {"WriteCapacityUnits", wcu_}};
  if (provisioned_) params["ProvisionedThroughput"] = throughput;
  if (!gsis_.empty()) {
    Json list = Json::array();
    for (const Gsi& g : gsis_) {
      Json gsi = {{"IndexName", g.name}, {"KeySchema", key_schema(g.hash, g.range)}, {"Projection", {{"ProjectionType", "ALL"}}}};
      if (provisioned_) gsi["ProvisionedThroughput"] = throughput;
      list.push_back(std::move(gsi));
    }
    params["GlobalSecondaryIndexes"] = std::move(list);
  }
  Json definitions = Json::array();
  for (const auto& [name, type] : types) definitions.push_back({{"AttributeName", name}, {"AttributeType", type}});
  params["AttributeDefinitions"] = std::move(definitions);

  Json source = {{"S3Bucket", bucket_}};
  if (!prefix_.empty()) source["S3KeyPrefix"] = prefix_;
  Json body = {{"S3BucketSource", source},
               {"InputFormat", kFormats[format_]},
               {"InputCompressionType", kCompressions[compression_]},
               {"TableCreationParameters", params},
               {"ClientToken", "sandbox-ui-" + std::to_string(ctx.sandbox().clock().NowMillis()) + "-" + std::to_string(++sent_)}};
  if (format_ == 0) {
    Json csv = {{"Delimiter", delimiter_ == "\\t" ? std::string("\t") : delimiter_}};
    if (const std::vector<std::string> headers = SplitList(header_list_); !headers.empty()) csv["HeaderList"] = headers;
    body["InputFormatOptions"] = {{"Csv", csv}};
  }
  const JsonResponse r = ctx.Request("ImportTable", body.dump());
  error_ = r.ok() ? std::string() : ErrorMessage(r);
  const Json answer = Json::parse(r.body, nullptr, false);
  if (r.ok() && answer.is_object()) last_arn_ = answer.value("ImportTableDescription", Json::object()).value("ImportArn", std::string());
}

Json ImportDialog::TestState() const {
  return {{"open", open_}, {"bucket", bucket_}, {"prefix", prefix_}, {"table", table_name_}, {"error", error_}, {"lastArn", last_arn_}};
}

}  // namespace ddb::app::s3x
