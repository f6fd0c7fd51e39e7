// State file save/load through the wire API (see state_file.h for the format and its limits).
// [SECTION] index: helpers | save | load
#include "state_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ddb/json_api.h"
#include "ddb/request_router.h"

namespace ddb::server {

using Json = nlohmann::json;

namespace {

constexpr const char* kFormat = "ddb-sandbox-state";
// Version 1: the default Region's tables ("Tables"); version 2 adds "Regions" for the others. A
// sandbox that used only its default Region writes version 1, which older builds read too.
constexpr int kVersion = 2;

// [SECTION] Helpers --------------------------------------------------------------------------------

// Calls one DynamoDB operation of a Region through the request router; on success parses the
// answer into *out.
bool Call(Sandbox& sandbox, const std::string& region, std::string_view op, const Json& request, Json* out, std::string* error) {
  const JsonResponse r = HandleRequest(sandbox, region, "DynamoDB_20120810." + std::string(op), request.dump());
  if (!r.ok()) {
    *error = std::string(op) + " failed: " + r.body;
    return false;
  }
  if (out) {
    *out = Json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    if (out->is_discarded()) {
      *error = std::string(op) + " returned unparsable JSON";
      return false;
    }
  }
  return true;
}

const Json* Member(const Json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(key);
  return it == o.end() || it->is_null() ? nullptr : &*it;
}

bool ReadJsonFile(const std::string& path, Json* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read state file " + path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  *out = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded() || !out->is_object()) {
    *error = "corrupt state file " + path + ": not a JSON object";
    return false;
  }
  const Json* format = Member(*out, "Format");
  const Json* version = Member(*out, "Version");
  if (!format || *format != kFormat) {
    *error = "corrupt state file " + path + ": \"Format\" is not \"" + kFormat + "\"";
    return false;
  }
  if (!version || !version->is_number_integer() || version->get<int64_t>() < 1 || version->get<int64_t>() > kVersion) {
    *error = "state file " + path + ": unsupported \"Version\" (this build reads versions 1 to " + std::to_string(kVersion) + ")";
    return false;
  }
  return true;
}

// The CreateTable request that recreates a described table (AttributeDefinitions, KeySchema,
// billing, indexes, streams, class, deletion protection).
Json CreateTableFromDescription(const Json& t) {
  Json req = {{"TableName", t.at("TableName")},
              {"AttributeDefinitions", t.at("AttributeDefinitions")},
              {"KeySchema", t.at("KeySchema")}};
  std::string billing = "PROVISIONED";
  if (const Json* bms = Member(t, "BillingModeSummary"))
    if (const Json* m = Member(*bms, "BillingMode")) billing = m->get<std::string>();
  req["BillingMode"] = billing;
  const bool provisioned = billing == "PROVISIONED";
  auto throughput = [](const Json& pt) {
    return Json{{"ReadCapacityUnits", pt.value("ReadCapacityUnits", 1)}, {"WriteCapacityUnits", pt.value("WriteCapacityUnits", 1)}};
  };
  if (provisioned)
    if (const Json* pt = Member(t, "ProvisionedThroughput")) req["ProvisionedThroughput"] = throughput(*pt);
  if (const Json* lsis = Member(t, "LocalSecondaryIndexes")) {
    Json a = Json::array();
    for (const Json& i : *lsis) a.push_back({{"IndexName", i.at("IndexName")}, {"KeySchema", i.at("KeySchema")}, {"Projection", i.at("Projection")}});
    if (!a.empty()) req["LocalSecondaryIndexes"] = std::move(a);
  }
  if (const Json* gsis = Member(t, "GlobalSecondaryIndexes")) {
    Json a = Json::array();
    for (const Json& i : *gsis) {
      Json g = {{"IndexName", i.at("IndexName")}, {"KeySchema", i.at("KeySchema")}, {"Projection", i.at("Projection")}};
      if (provisioned)
        if (const Json* pt = Member(i, "ProvisionedThroughput")) g["ProvisionedThroughput"] = throughput(*pt);
      a.push_back(std::move(g));
    }
    if (!a.empty()) req["GlobalSecondaryIndexes"] = std::move(a);
  }
  if (const Json* ss = Member(t, "StreamSpecification"))
    if (ss->value("StreamEnabled", false)) req["StreamSpecification"] = *ss;
  if (const Json* tcs = Member(t, "TableClassSummary"))
    if (const Json* c = Member(*tcs, "TableClass")) req["TableClass"] = *c;
  if (const Json* dp = Member(t, "DeletionProtectionEnabled")) req["DeletionProtectionEnabled"] = *dp;
  return req;
}

bool WriteFileAtomically(const std::string& path, const std::string& text, std::string* error) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = "cannot write " + tmp + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = "cannot write " + tmp + ": " + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    *error = "cannot flush " + tmp + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "cannot rename " + tmp + " to " + path + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  // Make the rename itself durable.
  const auto slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return true;
}

// The tables of one Region, each as its CreateTable request (tags included) and its items.
bool SaveRegion(Sandbox& sandbox, const std::string& region, Json* tables, std::string* error) {
  std::vector<std::string> names;
  Json list_req = Json::object();
  for (;;) {
    Json page;
    if (!Call(sandbox, region, "ListTables", list_req, &page, error)) return false;
    for (const Json& n : page.value("TableNames", Json::array())) names.push_back(n.get<std::string>());
    const Json* last = Member(page, "LastEvaluatedTableName");
    if (!last) break;
    list_req["ExclusiveStartTableName"] = *last;
  }
  *tables = Json::array();
  for (const std::string& name : names) {
    Json described;
    if (!Call(sandbox, region, "DescribeTable", {{"TableName", name}}, &described, error)) return false;
    const Json& t = described.at("Table");
    if (t.value("TableStatus", "") == "DELETING") continue;
    Json create = CreateTableFromDescription(t);
    Json tags;
    if (!Call(sandbox, region, "ListTagsOfResource", {{"ResourceArn", t.at("TableArn")}}, &tags, error)) return false;
    if (const Json* tl = Member(tags, "Tags"); tl && !tl->empty()) create["Tags"] = *tl;

    Json items = Json::array();
    Json scan_req = {{"TableName", name}, {"ConsistentRead", true}};
    for (;;) {
      Json page;
      if (!Call(sandbox, region, "Scan", scan_req, &page, error)) return false;
      if (Json* page_items = page.contains("Items") ? &page["Items"] : nullptr)
        for (Json& item : *page_items) items.push_back(std::move(item));
      const Json* last = Member(page, "LastEvaluatedKey");
      if (!last) break;
      scan_req["ExclusiveStartKey"] = *last;
    }
    tables->push_back({{"CreateTable", std::move(create)}, {"Items", std::move(items)}});
  }
  return true;
}

// One table per line of its own, one item per line: the file stays diffable and readable without tools.
void AppendTables(const Json& tables, std::string* text) {
  *text += "[";
  bool first_table = true;
  for (const Json& t : tables) {
    *text += first_table ? "\n" : ",\n";
    first_table = false;
    *text += "{\"CreateTable\":" + t["CreateTable"].dump() + ",\"Items\":[";
    bool first_item = true;
    for (const Json& item : t["Items"]) {
      *text += first_item ? "\n " : ",\n ";
      first_item = false;
      *text += item.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    *text += "]}";
  }
  *text += "]";
}

}  // namespace

// [SECTION] Save -----------------------------------------------------------------------------------

bool SaveState(Sandbox& sandbox, const std::string& path, std::string* error) {
  sandbox.clock().RunDue();
  // A Region the sandbox took down (a simulated outage) still has its tables: bring it back so
  // every Region is saved. Decision: the outage itself is a lesson's state, not data.
  for (const std::string& region : sandbox.global_tables().UnavailableRegions()) sandbox.global_tables().SetRegionAvailable(region, true);
  const Json clock = {{"EpochMillis", sandbox.clock().NowMillis()}};
  Json default_tables = Json::array();
  std::vector<std::pair<std::string, Json>> others;
  for (const std::string& region : sandbox.RegionNames()) {
    Json tables;
    if (!SaveRegion(sandbox, region, &tables, error)) return false;
    if (region == sandbox.default_region()) default_tables = std::move(tables);
    else if (!tables.empty()) others.emplace_back(region, std::move(tables));
  }
  std::string text = "{\"Format\":" + Json(kFormat).dump() + ",\"Version\":" + std::to_string(others.empty() ? 1 : kVersion) +
                     ",\"Clock\":" + clock.dump() + ",\"Tables\":";
  AppendTables(default_tables, &text);
  if (!others.empty()) {
    text += ",\"Regions\":{";
    for (size_t i = 0; i < others.size(); ++i) {
      text += (i ? ",\n" : "\n") + Json(others[i].first).dump() + ":{\"Tables\":";
      AppendTables(others[i].second, &text);
      text += "}";
    }
    text += "}";
  }
  text += "}\n";
  return WriteFileAtomically(path, text, error);
}

// [SECTION] Load -----------------------------------------------------------------------------------

bool ReadStateClock(const std::string& path, int64_t* epoch_millis, std::string* error) {
  Json state;
  if (!ReadJsonFile(path, &state, error)) return false;
  const Json* clock = Member(state, "Clock");
  const Json* ms = clock ? Member(*clock, "EpochMillis") : nullptr;
  if (!ms || !ms->is_number_integer()) {
    *error = "corrupt state file " + path + ": \"Clock.EpochMillis\" missing";
    return false;
  }
  *epoch_millis = ms->get<int64_t>();
  return true;
}

namespace {

// Replays one Region's tables: CreateTable, then every item with PutItem (the item rules apply as to
// any write, so a file cannot smuggle in what the service would refuse).
bool LoadRegion(Sandbox& sandbox, const std::string& region, const Json& tables, const std::string& where, std::string* error) {
  if (!tables.is_array()) {
    *error = where + ": \"Tables\" is not a list";
    return false;
  }
  for (size_t ti = 0; ti < tables.size(); ++ti) {
    const Json& t = tables[ti];
    const Json* create = Member(t, "CreateTable");
    const Json* items = Member(t, "Items");
    if (!create || !create->is_object() || (items && !items->is_array())) {
      *error = where + ": table #" + std::to_string(ti) + " lacks \"CreateTable\" or has bad \"Items\"";
      return false;
    }
    std::string why;
    if (!Call(sandbox, region, "CreateTable", *create, nullptr, &why)) {
      *error = where + ": table #" + std::to_string(ti) + ": " + why;
      return false;
    }
    sandbox.clock().RunDue();  // CREATING -> ACTIVE before the items go in
    if (!items) continue;
    Json put = {{"TableName", create->at("TableName")}, {"Item", nullptr}};
    for (size_t ii = 0; ii < items->size(); ++ii) {
      put["Item"] = (*items)[ii];
      if (!Call(sandbox, region, "PutItem", put, nullptr, &why)) {
        *error = where + ": table " + create->at("TableName").dump() + " item #" + std::to_string(ii) + ": " + why;
        return false;
      }
    }
  }
  return true;
}

}  // namespace

bool LoadState(const std::string& path, Sandbox& sandbox, std::string* error) {
  Json state;
  if (!ReadJsonFile(path, &state, error)) return false;
  const std::string where = "corrupt state file " + path;
  const Json* tables = Member(state, "Tables");
  if (!LoadRegion(sandbox, sandbox.default_region(), tables ? *tables : Json(), where, error)) return false;
  const Json* regions = Member(state, "Regions");
  if (!regions) return true;
  if (!regions->is_object()) {
    *error = where + ": \"Regions\" is not an object";
    return false;
  }
  for (const auto& [region, content] : regions->items()) {
    if (!IsKnownRegion(region)) {
      *error = where + ": \"" + region + "\" is not an AWS Region";
      return false;
    }
    const Json* region_tables = Member(content, "Tables");
    if (!LoadRegion(sandbox, region, region_tables ? *region_tables : Json(), where + " (" + region + ")", error)) return false;
  }
  return true;
}

// [SECTION] Start-up check --------------------------------------------------------------------------

bool CheckStateWritable(const std::string& path, std::string* error) {
  // Exactly what SaveState will need: creating path.tmp in the file's folder (then renaming it over
  // path). access(2) would not do: root passes it on read-only mounts, and it ignores ACLs.
  const std::string tmp = path + ".tmp";
  bool created = true;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST) {  // left by a crash during a save: SaveState truncates it
    created = false;
    fd = ::open(tmp.c_str(), O_WRONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    *error = "--state " + path + ": the state file's folder cannot be written (" + std::strerror(errno) +
             "), so the state could not be saved on shutdown";
    return false;
  }
  ::close(fd);
  if (created) ::unlink(tmp.c_str());
  return true;
}

}  // namespace ddb::server
