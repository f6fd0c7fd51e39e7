// Sandbox files ("format": "ddb-sandbox/1", lessons/README.md): a Region's tables saved by walking
// only the public JSON API (ListTables, DescribeTable, DescribeTimeToLive, ListTagsOfResource, paged
// Scan, SandboxControl.DescribeClock) and opened again by replaying it (DeleteTable, CreateTable,
// BatchWriteItem, UpdateTable, UpdateTimeToLive, SandboxControl.AdvanceClock). Also ApplyLab, whose
// settings go through SandboxControl.UpdateSettings. Every step is a request through a Sender.
#include "ddb/capacity.h"
#include "ddb/iso_time.h"
#include "ddb/lessons.h"

namespace ddb::lessons {
namespace {

struct Call {
  bool ok = false;
  std::string error_type;
  Json body;
  std::string Describe(const std::string& op) const {
    std::string msg = body.is_object() ? body.value("message", body.value("Message", std::string())) : std::string();
    return op + " failed: " + error_type + (msg.empty() ? "" : ": " + msg);
  }
};

Call Send(const Sender& send, std::string_view op, const Json& body) {
  const JsonResponse r = send(LessonTarget(op), body.dump());
  Call c;
  c.ok = r.ok();
  c.error_type = r.error_type;
  c.body = Json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (c.body.is_discarded()) c.body = nullptr;
  return c;
}

// The sandbox clock's time, from SandboxControl.DescribeClock (0 if it cannot be read).
int64_t NowMillis(const Sender& send) {
  const Call c = Send(send, "SandboxControl.DescribeClock", Json::object());
  return c.ok ? c.body.value("EpochMillis", int64_t{0}) : 0;
}

Json StripThroughput(const Json& pt) {
  return {{"ReadCapacityUnits", pt.value("ReadCapacityUnits", 1)}, {"WriteCapacityUnits", pt.value("WriteCapacityUnits", 1)}};
}

// DescribeTable's Table -> the CreateTable request that makes the same table.
Json CreateRequestFromDescription(const Json& t) {
  Json req = {{"TableName", t.at("TableName")}, {"AttributeDefinitions", t.at("AttributeDefinitions")},
              {"KeySchema", t.at("KeySchema")}};
  const bool on_demand = t.contains("BillingModeSummary") && t["BillingModeSummary"].value("BillingMode", "") == "PAY_PER_REQUEST";
  req["BillingMode"] = on_demand ? "PAY_PER_REQUEST" : "PROVISIONED";
  if (!on_demand && t.contains("ProvisionedThroughput")) req["ProvisionedThroughput"] = StripThroughput(t["ProvisionedThroughput"]);
  if (t.contains("LocalSecondaryIndexes")) {
    Json a = Json::array();
    for (const Json& i : t["LocalSecondaryIndexes"])
      a.push_back({{"IndexName", i.at("IndexName")}, {"KeySchema", i.at("KeySchema")}, {"Projection", i.at("Projection")}});
    req["LocalSecondaryIndexes"] = a;
  }
  if (t.contains("GlobalSecondaryIndexes")) {
    Json a = Json::array();
    for (const Json& i : t["GlobalSecondaryIndexes"]) {
      Json g = {{"IndexName", i.at("IndexName")}, {"KeySchema", i.at("KeySchema")}, {"Projection", i.at("Projection")}};
      if (!on_demand && i.contains("ProvisionedThroughput")) g["ProvisionedThroughput"] = StripThroughput(i["ProvisionedThroughput"]);
      a.push_back(g);
    }
    req["GlobalSecondaryIndexes"] = a;
  }
  if (t.contains("StreamSpecification") && t["StreamSpecification"].value("StreamEnabled", false)) {
    req["StreamSpecification"] = t["StreamSpecification"];
  }
  if (t.contains("TableClassSummary")) req["TableClass"] = t["TableClassSummary"].value("TableClass", "STANDARD");
  if (t.value("DeletionProtectionEnabled", false)) req["DeletionProtectionEnabled"] = true;
  return req;
}

}  // namespace

bool SaveSandbox(const Sender& send, Json* out, std::string* error) {
  std::vector<std::string> names;
  Json start;
  do {
    Json req = Json::object();
    if (!start.is_null()) req["ExclusiveStartTableName"] = start;
    const Call c = Send(send, "ListTables", req);
    if (!c.ok) return *error = c.Describe("ListTables"), false;
    for (const Json& n : c.body["TableNames"]) names.push_back(n.get<std::string>());
    start = c.body.contains("LastEvaluatedTableName") ? c.body["LastEvaluatedTableName"] : Json();
  } while (!start.is_null());

  Json tables = Json::array();
  for (const std::string& name : names) {
    const Call d = Send(send, "DescribeTable", {{"TableName", name}});
    if (!d.ok) return *error = d.Describe("DescribeTable " + name), false;
    const Json& t = d.body["Table"];
    if (t.value("TableStatus", "") == "DELETING") continue;
    Json table = {{"definition", CreateRequestFromDescription(t)}};
    const Call tags = Send(send, "ListTagsOfResource", {{"ResourceArn", t.value("TableArn", "")}});
    if (tags.ok && tags.body.contains("Tags") && !tags.body["Tags"].empty()) table["definition"]["Tags"] = tags.body["Tags"];
    const Call ttl = Send(send, "DescribeTimeToLive", {{"TableName", name}});
    if (ttl.ok && ttl.body.contains("TimeToLiveDescription")) {
      const Json& ttd = ttl.body["TimeToLiveDescription"];
      const std::string status = ttd.value("TimeToLiveStatus", "DISABLED");
      if (status == "ENABLED" || status == "ENABLING") table["timeToLive"] = {{"AttributeName", ttd.value("AttributeName", "")}};
    }
    Json items = Json::array();
    Json esk;
    do {
      Json req = {{"TableName", name}, {"ConsistentRead", true}};
      if (!esk.is_null()) req["ExclusiveStartKey"] = esk;
      const Call s = Send(send, "Scan", req);
      if (!s.ok) return *error = s.Describe("Scan " + name), false;
      for (const Json& item : s.body["Items"]) items.push_back(item);
      esk = s.body.contains("LastEvaluatedKey") ? s.body["LastEvaluatedKey"] : Json();
    } while (!esk.is_null());
    table["items"] = std::move(items);
    tables.push_back(std::move(table));
  }
  const Call clock = Send(send, "SandboxControl.DescribeClock", Json::object());
  if (!clock.ok) return *error = clock.Describe("SandboxControl.DescribeClock"), false;
  const int64_t now = clock.body.value("EpochMillis", int64_t{0});
  *out = {{"format", "ddb-sandbox/1"}, {"savedAt", FormatIsoTime(now)}, {"clock", {{"epochMillis", now}}}, {"tables", tables}};
  return true;
}

bool LoadSandbox(const Sender& send, const Json& file, std::vector<std::string>* warnings, std::string* error) {
  if (!file.is_object() || file.value("format", "") != "ddb-sandbox/1" || !file.contains("tables") || !file["tables"].is_array()) {
    *error = "not a sandbox file (expected \"format\": \"ddb-sandbox/1\" and \"tables\")";
    return false;
  }
  // 1. Remove every table (turning deletion protection off first).
  const Call list = Send(send, "ListTables", Json::object());
  if (list.ok) {
    for (const Json& n : list.body["TableNames"]) {
      Call del = Send(send, "DeleteTable", {{"TableName", n}});
      if (!del.ok) {
        Send(send, "UpdateTable", {{"TableName", n}, {"DeletionProtectionEnabled", false}});
        del = Send(send, "DeleteTable", {{"TableName", n}});
      }
      if (!del.ok) warnings->push_back(del.Describe("DeleteTable " + n.get<std::string>()));
    }
  }
  // Deleted tables leave once their delete delay has passed on the virtual clock.
  const Call settings = Send(send, "SandboxControl.DescribeSettings", Json::object());
  if (!settings.ok) return *error = settings.Describe("SandboxControl.DescribeSettings"), false;
  const int64_t delete_delay = settings.body["Settings"].value("TableDeleteDelayMs", int64_t{0});
  const int64_t create_delay = settings.body["Settings"].value("TableCreateDelayMs", int64_t{0});
  if (delete_delay > 0) Send(send, "SandboxControl.AdvanceClock", {{"Seconds", (delete_delay + 999) / 1000}});
  // 2. The clock moves forward to the saved time; it never runs backwards.
  if (file.contains("clock") && file["clock"].contains("epochMillis")) {
    const int64_t want = file["clock"]["epochMillis"].get<int64_t>();
    const int64_t now = NowMillis(send);
    if (want > now) Send(send, "SandboxControl.AdvanceClock", {{"Seconds", static_cast<double>(want - now) / 1000.0}});
    else if (want < now) warnings->push_back("the sandbox clock is already past the saved time " + FormatIsoTime(want) + "; it stays at " + FormatIsoTime(now));
  }
  // 3. Tables, items, then provisioned throughput and TTL.
  for (const Json& table : file["tables"]) {
    if (!table.contains("definition") || !table["definition"].is_object()) {
      *error = "a table entry has no \"definition\"";
      return false;
    }
    Json def = table["definition"];
    const std::string name = def.value("TableName", "");
    const bool provisioned = def.value("BillingMode", "PROVISIONED") == "PROVISIONED";
    const Json items = table.value("items", Json::array());
    Json switch_back;
    if (provisioned) {
      // A replay must not be throttled: create with enough write capacity for the items (a new
      // table starts with 300 seconds of burst), then lower it to the saved throughput.
      double units = 0;
      for (const Json& item : items) units += static_cast<double>(item.dump().size() / 1024 + 1);
      const int64_t needed = static_cast<int64_t>(units / CapacityBucket::kBurstSeconds) + 1;
      auto raise = [&](Json& pt) {
        const int64_t saved = pt.value("WriteCapacityUnits", int64_t{1});
        if (saved >= needed) return false;
        pt["WriteCapacityUnits"] = needed;
        return true;
      };
      switch_back = {{"TableName", name}};
      const Json saved_table = def["ProvisionedThroughput"];
      bool raised = raise(def["ProvisionedThroughput"]);
      if (raised) switch_back["ProvisionedThroughput"] = saved_table;
      if (def.contains("GlobalSecondaryIndexes")) {
        Json updates = Json::array();
        for (Json& g : def["GlobalSecondaryIndexes"]) {
          if (!g.contains("ProvisionedThroughput")) continue;
          const Json saved = g["ProvisionedThroughput"];
          if (raise(g["ProvisionedThroughput"])) updates.push_back({{"Update", {{"IndexName", g["IndexName"]}, {"ProvisionedThroughput", saved}}}});
        }
        if (!updates.empty()) {
          switch_back["GlobalSecondaryIndexUpdates"] = updates;
          raised = true;
        }
      }
      if (!raised) switch_back = Json();
    }
    const Call created = Send(send, "CreateTable", def);
    if (!created.ok) return *error = created.Describe("CreateTable " + name), false;
    if (create_delay > 0) Send(send, "SandboxControl.AdvanceClock", {{"Seconds", (create_delay + 999) / 1000}});
    for (size_t i = 0; i < items.size(); i += 25) {
      Json batch = Json::array();
      for (size_t k = i; k < items.size() && k < i + 25; ++k) batch.push_back({{"PutRequest", {{"Item", items[k]}}}});
      Json pending = {{name, batch}};
      for (int attempt = 0; attempt < 5 && !pending.empty(); ++attempt) {
        const Call w = Send(send, "BatchWriteItem", {{"RequestItems", pending}});
        if (!w.ok) return *error = w.Describe("BatchWriteItem " + name), false;
        pending = w.body.value("UnprocessedItems", Json::object());
      }
      if (!pending.empty()) warnings->push_back(name + ": some items stayed unprocessed");
    }
    if (!switch_back.is_null()) {
      const Call u = Send(send, "UpdateTable", switch_back);
      if (!u.ok) warnings->push_back(u.Describe("UpdateTable " + name + " (back to the saved throughput)"));
    }
    if (table.contains("timeToLive")) {
      const Call t = Send(send, "UpdateTimeToLive",
                          {{"TableName", name},
                           {"TimeToLiveSpecification", {{"AttributeName", table["timeToLive"].value("AttributeName", "")}, {"Enabled", true}}}});
      if (!t.ok) warnings->push_back(t.Describe("UpdateTimeToLive " + name));
    }
  }
  return true;
}

bool ApplyLab(const Sender& send, const Lab& lab, std::vector<std::string>* warnings, std::string* error) {
  // Settings and the clock are requests to the sandbox's own service, like everything else.
  const Json& s = lab.settings;
  Json settings = Json::object();
  for (const auto& [key, name] : {std::pair{"tableCreateDelayMs", "TableCreateDelayMs"}, {"tableDeleteDelayMs", "TableDeleteDelayMs"},
                                  {"gsiPropagationDelayMs", "GsiPropagationDelayMs"}, {"gsiBackfillDelayMs", "GsiBackfillDelayMs"},
                                  {"streamTransitionDelayMs", "StreamTransitionDelayMs"}, {"ttlTransitionDelayMs", "TtlTransitionDelayMs"}})
    if (s.contains(key) && s[key].is_number()) settings[name] = s[key].get<int64_t>();
  if (!settings.empty()) {
    const Call u = Send(send, "SandboxControl.UpdateSettings", {{"Settings", settings}});
    if (!u.ok) warnings->push_back(u.Describe("SandboxControl.UpdateSettings"));
  }
  if (s.contains("clockSpeed") && s["clockSpeed"].is_number()) {
    const Call c = Send(send, "SandboxControl.SetClockSpeed", {{"Speed", s["clockSpeed"]}});
    if (!c.ok) warnings->push_back(c.Describe("SandboxControl.SetClockSpeed"));
  }
  if (s.contains("clockRunning") && s["clockRunning"].is_boolean())
    Send(send, s["clockRunning"].get<bool>() ? "SandboxControl.ResumeClock" : "SandboxControl.PauseClock", Json::object());

  if (lab.sandbox) {
    if (!LoadSandbox(send, *lab.sandbox, warnings, error)) return false;
  } else {
    // A lab without a sandbox file starts from an empty sandbox.
    if (!LoadSandbox(send, Json{{"format", "ddb-sandbox/1"}, {"tables", Json::array()}}, warnings, error)) return false;
  }
  if (lab.clock_ms) {
    const int64_t now = NowMillis(send);
    if (*lab.clock_ms > now) Send(send, "SandboxControl.AdvanceClock", {{"Seconds", static_cast<double>(*lab.clock_ms - now) / 1000.0}});
    else if (*lab.clock_ms < now) warnings->push_back("the sandbox clock is already past the lab's start time " + FormatIsoTime(*lab.clock_ms));
  }
  Json previous;  // the last response, for "{{prev:/pointer}}" as in solutions
  for (const LessonRequest& r : lab.setup) {
    const RequestOutcome out = SendLessonRequest(send, r, &previous);
    previous = out.parsed;
    if (out.failures > 0) {
      std::string msg = out.parsed.is_object() ? out.parsed.value("message", std::string()) : std::string();
      warnings->push_back("setup " + r.operation + " failed: " + out.response.error_type + (msg.empty() ? "" : ": " + msg));
    }
  }
  return true;
}

}  // namespace ddb::lessons
