// The built-in trigger functions: derived table, running aggregates, welcome e-mail outbox, and the
// poison pill that fails on purpose. See functions.h.
#include "triggers/functions.h"

#include "ddb/engine.h"
#include "json/attr_codec.h"

namespace ddb::triggers {

using Json = nlohmann::json;

namespace {

Result<Item> ImageOf(const Json& rec, const char* which) {
  const Json& d = rec.at("dynamodb");
  auto it = d.find(which);
  if (it == d.end()) return Status::Validation(std::string("The record has no ") + which + ": the stream's view type must include it");
  return json::DecodeItem(*it);
}

// The target's partition key (name and type), for functions that invent their own items.
Result<AttributeDefinition> PartitionKey(Engine& e, const std::string& table) {
  Result<TableDescription> d = e.DescribeTable(table);
  if (!d.ok()) return d.take_status();
  for (const auto& k : d->key_schema)
    if (k.key_type == "HASH")
      for (const auto& a : d->attribute_definitions)
        if (a.attribute_name == k.attribute_name) return a;
  return Status::Internal("no partition key");
}

Status Copy(Engine& e, const std::string& table, const Json& rec) {
  if (rec.at("eventName") == "REMOVE") {
    DDB_ASSIGN_OR_RETURN(Item keys, json::DecodeItem(rec.at("dynamodb").at("Keys")));
    DeleteItemRequest del;
    del.table_name = table;
    del.key = std::move(keys);
    auto r = e.DeleteItem(del);
    return r.ok() ? Status::OK() : r.status();
  }
  DDB_ASSIGN_OR_RETURN(Item image, ImageOf(rec, "NewImage"));
  PutItemRequest put;
  put.table_name = table;
  put.item = std::move(image);
  auto r = e.PutItem(put);
  return r.ok() ? Status::OK() : r.status();
}

Status Aggregate(Engine& e, const EventSourceMappingConfig& c, const Json& rec) {
  DDB_ASSIGN_OR_RETURN(AttributeDefinition pk, PartitionKey(e, c.target_table));
  if (pk.attribute_type != "S") return Status::Validation("running-aggregates needs a target table with a String partition key");
  const std::string event = rec.at("eventName").get<std::string>();
  std::string expr = "ADD #count :one";
  ValueMap values = {{":one", AttributeValue::NCanonical("1")}};
  NameMap names = {{"#count", "count"}};
  if (!c.attribute.empty()) {
    // Sum the attribute's change: new value minus old value (a REMOVE subtracts, an INSERT adds).
    auto number = [&](const char* which) -> std::optional<Number> {
      auto img = ImageOf(rec, which);
      if (!img.ok()) return std::nullopt;
      auto it = img->find(c.attribute);
      if (it == img->end() || !it->second.is(AttrType::kN)) return std::nullopt;
      return it->second.AsNumber();
    };
    const std::optional<Number> nv = number("NewImage"), ov = number("OldImage");
    if (nv || ov) {
      auto delta = Number::Subtract(nv.value_or(Number()), ov.value_or(Number()));
      if (!delta.ok()) return delta.status();
      expr += ", #sum :v";
      names["#sum"] = "sum_" + c.attribute;
      values[":v"] = AttributeValue::N(*delta);
    }
  }
  for (const char* key : {"ALL", event.c_str()}) {
    UpdateItemRequest u;
    u.table_name = c.target_table;
    u.key = {{pk.attribute_name, AttributeValue::S(key)}};
    u.update_expression = expr;
    u.expr.names = names;
    u.expr.values = values;
    auto r = e.UpdateItem(u);
    if (!r.ok()) return r.status();
  }
  return Status::OK();
}

Status Welcome(Engine& e, const EventSourceMappingConfig& c, const Json& rec) {
  if (rec.at("eventName") != "INSERT") return Status::OK();  // only new sign-ups get a welcome
  DDB_ASSIGN_OR_RETURN(AttributeDefinition pk, PartitionKey(e, c.target_table));
  if (pk.attribute_type != "S") return Status::Validation("welcome-email needs an outbox table with a String partition key");
  DDB_ASSIGN_OR_RETURN(Item image, ImageOf(rec, "NewImage"));
  const std::string attr = c.attribute.empty() ? "email" : c.attribute;
  auto it = image.find(attr);
  if (it == image.end() || !it->second.is(AttrType::kS)) return Status::OK();  // nobody to write to
  Item msg;
  // The message id is the stream record's eventID: a retried batch rewrites the same message
  // instead of sending a second e-mail (idempotent, as Lambda's at-least-once delivery requires).
  msg[pk.attribute_name] = AttributeValue::S("welcome-" + rec.at("eventID").get<std::string>());
  msg["To"] = it->second;
  msg["Subject"] = AttributeValue::S("Welcome aboard!");
  auto name = image.find("name");
  msg["Body"] = AttributeValue::S("Hello " + (name != image.end() && name->second.is(AttrType::kS) ? name->second.s() : it->second.s()) +
                                  ", thanks for signing up.");
  msg["Status"] = AttributeValue::S("PENDING");
  msg["SourceKeys"] = AttributeValue::S(rec.at("dynamodb").at("Keys").dump());
  msg["CreatedAt"] = AttributeValue::NCanonical(std::to_string(rec.at("dynamodb").at("ApproximateCreationDateTime").get<int64_t>()));
  PutItemRequest put;
  put.table_name = c.target_table;
  put.item = std::move(msg);
  auto r = e.PutItem(put);
  return r.ok() ? Status::OK() : r.status();
}

bool IsPoison(const Json& rec, const std::string& attr) {
  const Json& d = rec.at("dynamodb");
  for (const char* which : {"NewImage", "OldImage"}) {
    auto img = d.find(which);
    if (img == d.end()) continue;
    auto v = img->find(attr);
    if (v == img->end()) continue;
    if (v->contains("BOOL")) return v->at("BOOL").get<bool>();
    return true;  // any other value marks it too
  }
  return false;
}

}  // namespace

Status RunBuiltIn(Engine& engine, TriggerFunction fn, const EventSourceMappingConfig& c, const std::vector<Json>& records) {
  for (const Json& rec : records) {
    Status s;
    switch (fn) {
      case TriggerFunction::kDerivedTable: s = Copy(engine, c.target_table, rec); break;
      case TriggerFunction::kRunningAggregates: s = Aggregate(engine, c, rec); break;
      case TriggerFunction::kWelcomeEmail: s = Welcome(engine, c, rec); break;
      case TriggerFunction::kPoisonPill:
        if (IsPoison(rec, c.attribute.empty() ? "poison" : c.attribute))
          return Status::Validation("Poison record: cannot process item " + rec.at("dynamodb").at("Keys").dump());
        s = Copy(engine, c.target_table, rec);
        break;
    }
    if (!s.ok()) return Status::Error(s.type(), std::string(ErrorTypeName(s.type())) + ": " + s.message());
  }
  return Status::OK();
}

void WriteFailureMessage(Engine& engine, const std::string& table, const Json& message) {
  auto pk = PartitionKey(engine, table);
  if (!pk.ok() || pk->attribute_type != "S") return;
  PutItemRequest put;
  put.table_name = table;
  put.item[pk->attribute_name] = AttributeValue::S(message.at("requestContext").at("requestId").get<std::string>());
  put.item["Condition"] = AttributeValue::S(message.at("requestContext").at("condition").get<std::string>());
  put.item["Message"] = AttributeValue::S(message.dump());
  (void)engine.PutItem(put);
}

}  // namespace ddb::triggers
