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

namespace ddb::server {

using Json = nlohmann::json;

namespace {

constexpr const char* kFormat = "ddb-sandbox-state";
constexpr int kVersion = 1;

// [SECTION] Helpers --------------------------------------------------------------------------------

// Calls one DynamoDB operation through the wire API; on success parses the answer into *out.
bool Call(Engine& engine, std::string_view op, const Json& request, Json* out, std::string* error) {
  const JsonResponse r = HandleJson(engine, op, request.dump());
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
  if (!version || !version->is_number_integer() || version->get<int>() != kVersion) {
    *error = "state file " + path + ": unsupported \"Version\" (this build reads version " + std::to_string(kVersion) + ")";
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

}  // namespace

// [SECTION] Save -----------------------------------------------------------------------------------

bool SaveState(Engine& engine, const std::string& path, std::string* error) {
  engine.clock().RunDue();
  Json state = {{"Format", kFormat}, {"Version", kVersion}, {"Clock", {{"EpochMillis", engine.clock().NowMillis()}}}};
  Json tables = Json::array();

  std::vector<std::string> names;
  Json list_req = Json::object();
  for (;;) {
    Json page;
    if (!Call(engine, "ListTables", list_req, &page, error)) return false;
    for (const Json& n : page.value("TableNames", Json::array())) names.push_back(n.get<std::string>());
    const Json* last = Member(page, "LastEvaluatedTableName");
    if (!last) break;
    list_req["ExclusiveStartTableName"] = *last;
  }

  for (const std::string& name : names) {
    Json described;
    if (!Call(engine, "DescribeTable", {{"TableName", name}}, &described, error)) return false;
    const Json& t = described.at("Table");
    if (t.value("TableStatus", "") == "DELETING") continue;
    Json create = CreateTableFromDescription(t);
    Json tags;
    if (!Call(engine, "ListTagsOfResource", {{"ResourceArn", t.at("TableArn")}}, &tags, error)) return false;
    if (const Json* tl = Member(tags, "Tags"); tl && !tl->empty()) create["Tags"] = *tl;

    Json items = Json::array();
    Json scan_req = {{"TableName", name}, {"ConsistentRead", true}};
    for (;;) {
      Json page;
      if (!Call(engine, "Scan", scan_req, &page, error)) return false;
      if (Json* page_items = page.contains("Items") ? &page["Items"] : nullptr)
        for (Json& item : *page_items) items.push_back(std::move(item));
      const Json* last = Member(page, "LastEvaluatedKey");
      if (!last) break;
      scan_req["ExclusiveStartKey"] = *last;
    }
    tables.push_back({{"CreateTable", std::move(create)}, {"Items", std::move(items)}});
  }
  state["Tables"] = std::move(tables);
  // One item per line keeps the file diffable and readable without tools.
  std::string text = "{\"Format\":" + state["Format"].dump() + ",\"Version\":" + state["Version"].dump() +
                     ",\"Clock\":" + state["Clock"].dump() + ",\"Tables\":[";
  bool first_table = true;
  for (const Json& t : state["Tables"]) {
    text += first_table ? "\n" : ",\n";
    first_table = false;
    text += "{\"CreateTable\":" + t["CreateTable"].dump() + ",\"Items\":[";
    bool first_item = true;
    for (const Json& item : t["Items"]) {
      text += first_item ? "\n " : ",\n ";
      first_item = false;
      text += item.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    text += "]}";
  }
  text += "]}\n";
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

bool LoadState(const std::string& path, Engine& engine, std::string* error) {
  Json state;
  if (!ReadJsonFile(path, &state, error)) return false;
  const Json* tables = Member(state, "Tables");
  if (!tables || !tables->is_array()) {
    *error = "corrupt state file " + path + ": \"Tables\" is not a list";
    return false;
  }
  for (size_t ti = 0; ti < tables->size(); ++ti) {
    const Json& t = (*tables)[ti];
    const Json* create = Member(t, "CreateTable");
    const Json* items = Member(t, "Items");
    if (!create || !create->is_object() || (items && !items->is_array())) {
      *error = "corrupt state file " + path + ": table #" + std::to_string(ti) + " lacks \"CreateTable\" or has bad \"Items\"";
      return false;
    }
    std::string why;
    if (!Call(engine, "CreateTable", *create, nullptr, &why)) {
      *error = "corrupt state file " + path + ": table #" + std::to_string(ti) + ": " + why;
      return false;
    }
    engine.clock().RunDue();  // CREATING -> ACTIVE before the items go in
    if (!items) continue;
    Json put = {{"TableName", create->at("TableName")}, {"Item", nullptr}};
    for (size_t ii = 0; ii < items->size(); ++ii) {
      put["Item"] = (*items)[ii];
      if (!Call(engine, "PutItem", put, nullptr, &why)) {
        *error = "corrupt state file " + path + ": table " + create->at("TableName").dump() + " item #" + std::to_string(ii) + ": " + why;
        return false;
      }
    }
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
