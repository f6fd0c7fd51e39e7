// libFuzzer target over the compact item encoding a table stores items in (engine/src/compact_item.h).
// The input is read two ways; neither may crash, hang or trip a sanitizer:
//   1. as an encoded block: Validate must accept or refuse it without reading out of bounds, and a
//      block it accepts decodes, re-encodes and decodes to the same item;
//   2. as a recipe for an item of any of the ten types (nested maps and lists, sets, empty strings,
//      binary with NULs, long values): Encode then Decode gives the item back exactly, Validate
//      accepts the block, Get finds each attribute, the JSON written from the block is the item's
//      JSON; and the item stored in a table answers every
//      expression kind as the item itself: GetItem, a projection of each attribute, a condition
//      (attribute_exists, =, attribute_type, size), a filter on Query and Scan, and an update that
//      sets every attribute to itself.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "compact_item.h"
#include "ddb/attribute_value.h"
#include "ddb/engine.h"
#include "ddb/sandbox.h"
#include "json/attr_codec.h"

namespace {

using namespace ddb;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "item_codec_fuzz: %s\n", what);
  std::abort();
}

// Reads the fuzzer's bytes as choices; past the end every choice is 0.
struct Source {
  const uint8_t* p;
  size_t n;
  uint8_t Byte() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  std::string Bytes(size_t max) {
    size_t len = Byte();
    if (len == 255) len = 255 + Byte() * 4;  // sometimes long (multi-byte lengths)
    if (len > max) len = max;
    std::string s;
    for (size_t i = 0; i < len; ++i) s.push_back(static_cast<char>(Byte()));
    return s;
  }
  std::string Text(size_t max) {  // printable: valid UTF-8
    std::string s = Bytes(max);
    for (char& c : s) c = static_cast<char>('a' + static_cast<uint8_t>(c) % 26);
    return s;
  }
  std::string Num() { return std::to_string(static_cast<int>(Byte()) - 100) + (Byte() % 2 ? ".5" : ""); }
};

AttributeValue MakeValue(Source& in, int depth) {
  const int kind = in.Byte() % (depth >= 4 ? 8 : 10);
  switch (kind) {
    case 0: return AttributeValue::S(in.Text(600));
    case 1: return AttributeValue::NCanonical(in.Num());
    case 2: return AttributeValue::B(in.Bytes(300));
    case 3: return AttributeValue::Bool(in.Byte() % 2);
    case 4: return AttributeValue::Null();
    case 5: {
      AttributeValue::Set m;
      for (int i = in.Byte() % 5 + 1; i > 0; --i) m.push_back(in.Text(20) + std::to_string(i));
      return AttributeValue::SS(std::move(m));
    }
    case 6: {
      AttributeValue::Set m;
      for (int i = in.Byte() % 5 + 1; i > 0; --i) m.push_back(std::to_string(i * 7) + (in.Byte() % 2 ? ".25" : ""));
      return AttributeValue::NS(std::move(m));
    }
    case 7: {
      AttributeValue::Set m;
      for (int i = in.Byte() % 5 + 1; i > 0; --i) m.push_back(in.Bytes(20) + static_cast<char>(i));
      return AttributeValue::BS(std::move(m));
    }
    case 8: {
      AttributeValue::Map m;
      for (int i = in.Byte() % 4; i > 0; --i) m[in.Text(8)] = MakeValue(in, depth + 1);
      return AttributeValue::M(std::move(m));
    }
    default: {
      AttributeValue::List l;
      for (int i = in.Byte() % 4; i > 0; --i) l.push_back(MakeValue(in, depth + 1));
      return AttributeValue::L(std::move(l));
    }
  }
}

void BlockRoundTrip(std::string_view bytes) {
  AttrNames names;
  for (int i = 0; i < 8; ++i) names.Intern("a" + std::to_string(i));
  if (!CompactItem::Validate(bytes, names.size()).ok()) return;
  const Item once = CompactItem::FromBytes(bytes)->Decode(names);
  AttrNames again;
  if (CompactItem::Encode(once, again)->Decode(again) != once) Fail("a valid block does not re-encode to the same item");
}

void Check(const Result<GetItemResponse>& r, const Item& want, const char* what) {
  if (!r.ok() || !r->item) Fail(what);
  if ((r->projected ? *r->projected : *r->item) != want) Fail(what);
}

void ItemRoundTrip(Source& in) {
  Item item;
  for (int i = in.Byte() % 6 + 1; i > 0; --i) item["f" + std::to_string(in.Byte() % 9)] = MakeValue(in, 1);
  AttrNames names;
  const CompactRef block = CompactItem::Encode(item, names);
  if (!CompactItem::Validate(block->bytes(), names.size()).ok()) Fail("Validate refuses an encoded item");
  if (block->Decode(names) != item) Fail("Decode(Encode(item)) != item");
  std::string from_item, from_block;  // the JSON API writes stored items from their blocks
  json::AppendItemJson(item, &from_item);
  json::AppendCompactItemJson(*block, names, nullptr, &from_block);
  if (from_block != from_item) Fail("the JSON written from the block differs from the item's");
  // An index projection reads part of the block: Decode and the JSON writer keep the same names.
  NameFilter keep;
  const unsigned mask = in.Byte();
  for (uint32_t id = 0; id < names.size(); ++id)
    if (mask & (1u << (id % 8))) keep.push_back(id);
  Item part;
  for (const auto& [name, v] : item)
    if (Keeps(&keep, names.Find(name))) part.emplace(name, v);
  if (block->Decode(names, &keep) != part) Fail("Decode with a projection differs from the projected item");
  std::string part_item, part_block;
  json::AppendItemJson(part, &part_item);
  json::AppendCompactItemJson(*block, names, &keep, &part_block);
  if (part_block != part_item) Fail("the projected JSON written from the block differs from the projected item's");
  for (const auto& [name, v] : item) {
    AttributeValue got;
    if (!block->Get(names.Find(name), &got) || got != v) Fail("Get does not find an attribute");
  }
  if (ItemSize(item) > kMaxItemSize) return;

  // The item in a table: every expression kind reads it as the item itself.
  static Sandbox* sandbox = [] {
    auto* s = new Sandbox();
    CreateTableRequest c;
    c.table_name = "codec";
    c.attribute_definitions = {{"pk", "S"}};
    c.key_schema = {{"pk", "HASH"}};
    c.billing_mode = "PAY_PER_REQUEST";
    if (!s->DefaultRegion().CreateTable(c).ok()) Fail("CreateTable");
    s->DefaultRegion().clock().RunDue();
    return s;
  }();
  Engine& e = sandbox->DefaultRegion();
  item["pk"] = AttributeValue::S("k");
  const Item key{{"pk", AttributeValue::S("k")}};
  PutItemRequest put;
  put.table_name = "codec";
  put.item = item;
  if (!e.PutItem(put).ok()) return;  // not a valid DynamoDB item (e.g. an empty set in a list): refused alike

  GetItemRequest get;
  get.table_name = "codec";
  get.key = key;
  Check(e.GetItem(get), item, "GetItem");
  for (const auto& [name, v] : item) {
    get.projection_expression = "#n";
    get.expr.names = NameMap{{"#n", name}};
    Check(e.GetItem(get), Item{{name, v}}, "a projection");
    if (name == "pk") continue;  // the key: no update, and no filter (Query refuses one on a key)

    UpdateItemRequest cond;  // condition kinds on the stored item
    cond.table_name = "codec";
    cond.key = key;
    cond.update_expression = "SET #n = :v";
    cond.condition_expression = "attribute_exists(#n) AND #n = :v AND attribute_type(#n, :t) AND size(#n) >= :zero";
    cond.expr.names = NameMap{{"#n", name}};
    cond.expr.values = ValueMap{{":v", v}, {":t", AttributeValue::S(AttrTypeName(v.type()))}, {":zero", AttributeValue::NCanonical("0")}};
    if (!v.is(AttrType::kS) && !v.is(AttrType::kB) && !v.IsSet() && !v.is(AttrType::kM) && !v.is(AttrType::kL)) {
      cond.condition_expression = "attribute_exists(#n) AND #n = :v AND attribute_type(#n, :t)";  // size() needs a sized type
      cond.expr.values->erase(":zero");
    }
    if (!e.UpdateItem(cond).ok()) Fail("a condition or update that holds on the item fails");

    QueryRequest q;
    q.table_name = "codec";
    q.key_condition_expression = "pk = :k";
    q.filter_expression = "#n = :v";
    q.expr.names = NameMap{{"#n", name}};
    q.expr.values = ValueMap{{":k", AttributeValue::S("k")}, {":v", v}};
    auto qr = e.Query(q);
    if (!qr.ok() || qr->items.size() != 1 || *qr->items[0] != item) Fail("a Query filter misses the item");
    ScanRequest s;
    s.table_name = "codec";
    s.filter_expression = "#n = :v";
    s.expr = q.expr;
    s.expr.values->erase(":k");
    auto sr = e.Scan(s);
    if (!sr.ok() || sr->items.size() != 1 || *sr->items[0] != item) Fail("a Scan filter misses the item");
  }
  get.projection_expression.reset();
  get.expr = {};
  Check(e.GetItem(get), item, "GetItem after the updates");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  BlockRoundTrip(std::string_view(reinterpret_cast<const char*>(data), size));
  Source in{data, size};
  ItemRoundTrip(in);
  return 0;
}
