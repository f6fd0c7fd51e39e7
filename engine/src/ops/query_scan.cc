// Query and Scan over a table or one of its secondary indexes: key conditions, ExclusiveStartKey,
// Limit and the 1 MB page limit (both applied before the FilterExpression), Select, projection,
// Count vs ScannedCount, Scan segments, and read-capacity accounting.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html
#include <algorithm>

#include "ddb/engine.h"
#include "expr/compiled.h"
#include "ops/charge.h"
#include "ops/common.h"
#include "ops/query_scan.h"
#include "table.h"
#include "engine_internal.h"

namespace ddb {

namespace {

constexpr size_t kPageBytes = 1024 * 1024;

// Where a request reads: the table's store, or an index's.
struct Source {
  const Table* table = nullptr;
  const SecondaryIndex* index = nullptr;
  const IndexDescription* index_desc = nullptr;
  const ItemStore* store = nullptr;
  IndexKeyDef key;  // the key of what is read (the index key for an index)

  bool is_gsi() const { return index && index->is_gsi; }
  // Partition bytes of the HASH values in `values` (an item or an ExclusiveStartKey) in this store.
  std::string PartitionBytes(const Item& values) const {
    return index ? index->PartitionBytes(values) : EncodeKeyValue(values.at(key.hash[0].name));
  }
  // Sort bytes of an item (or an ExclusiveStartKey) in this store.
  std::string SortBytes(const Item& item) const {
    if (!index) return key.range.empty() ? std::string() : EncodeKeyValue(item.at(key.range[0].name));
    return index->SortBytes(*table, item);
  }
};

Result<Source> ResolveSource(const Table& t, const std::optional<std::string>& index_name, bool consistent_read) {
  Source s;
  s.table = &t;
  s.key = IndexKeyDef::Of(t.key);
  s.store = &t.store();
  if (!index_name) return s;
  s.index = t.FindIndex(*index_name);
  if (!s.index) return Status::Validation("The table does not have the specified index: " + *index_name);
  for (const auto* list : {&t.desc.global_secondary_indexes, &t.desc.local_secondary_indexes})
    for (const auto& d : *list)
      if (d.index_name == *index_name) s.index_desc = &d;
  if (s.index->is_gsi && consistent_read) return Status::Validation("Consistent reads are not supported on global secondary indexes");
  if (s.index->backfilling) return Status::Validation("Cannot read from backfilling global secondary index: " + *index_name);
  s.key = s.index->key;
  s.store = &s.index->store;
  return s;
}

std::vector<expr::KeyAttrSpec> KeySpecs(const std::vector<KeyAttr>& attrs) {
  std::vector<expr::KeyAttrSpec> out;
  for (const KeyAttr& a : attrs) out.push_back({a.name, a.type});
  return out;
}

bool HasKeyAttr(const Item& item, const KeyAttr& ka) {
  auto it = item.find(ka.name);
  return it != item.end() && it->second.type() == ka.type;
}

// The key attributes a LastEvaluatedKey carries: the table key, plus the index key for an index.
Item LastKeyOf(const Source& s, const Item& item) {
  Item k = s.table->KeyOf(item);
  if (s.index)
    for (const auto* part : {&s.key.hash, &s.key.range})
      for (const KeyAttr& a : *part) k.emplace(a.name, item.at(a.name));
  return k;
}

// Validates an ExclusiveStartKey: exactly the table key (plus the index key for an index).
Status CheckStartKey(const Source& s, const Item& esk) {
  const char* kBad = "The provided starting key is invalid: The provided key element does not match the schema";
  Item table_part = s.table->KeyOf(esk);
  auto k = s.table->KeyFromKeyParam(table_part);
  if (!k.ok()) return Status::Validation(std::string("The provided starting key is invalid: ") + k.status().message());
  size_t expected = table_part.size();
  if (s.index) {
    for (const auto* part : {&s.key.hash, &s.key.range}) {
      for (const KeyAttr& a : *part) {
        if (!HasKeyAttr(esk, a)) return Status::Validation(kBad);
        expected += table_part.count(a.name) ? 0 : 1;
      }
    }
  }
  if (esk.size() != expected) return Status::Validation(kBad);
  return Status::OK();
}

struct ReadPlan {
  std::shared_ptr<const expr::Condition> filter;
  std::optional<std::vector<expr::Path>> projection;
  Select select = Select::kAllAttributes;
};

const char* SelectName(Select s) {
  switch (s) {
    case Select::kCount: return "COUNT";
    case Select::kAllAttributes: return "ALL_ATTRIBUTES";
    case Select::kAllProjectedAttributes: return "ALL_PROJECTED_ATTRIBUTES";
    default: return "SPECIFIC_ATTRIBUTES";
  }
}

// The first attribute of `key` a FilterExpression names, or "" (a Query may not filter on the key it
// reads: "Filter Expression can only contain non-primary key attributes: Primary key attribute: p").
const std::string* KeyAttrInFilter(const expr::Node& n, const IndexKeyDef& key) {
  if (n.kind == expr::Node::Kind::kPath && !n.path.empty()) {
    const std::string& name = n.path[0].name;
    if (key.Has(name)) return &name;
  }
  for (const auto& c : n.children)
    if (const std::string* found = KeyAttrInFilter(c, key)) return found;
  return nullptr;
}

// `query`: Query's Select messages carry the "1 validation error detected: " prefix, Scan's do not,
// and COUNT reads "only the Count" (responses recorded from the service).
// The FilterExpression and ProjectionExpression compiled; needs no table (a Scan reports their
// errors before a missing table: ExtendDB tests/test_validation_precedence.py, us-east-1).
Status ParseReadExpressions(const std::optional<std::string>& filter, const std::optional<std::string>& projection,
                            expr::Placeholders& ph, ReadPlan* p) {
  if (filter) {
    DDB_ASSIGN_OR_RETURN(p->filter, expr::ParseCondition(*filter, "FilterExpression", ph));
  }
  if (projection) {
    DDB_ASSIGN_OR_RETURN(auto paths, expr::ParseProjection(*projection, ph));
    p->projection = std::move(paths);
  }
  return Status::OK();
}

// The checks of a compiled plan against what is read: a Query filter on the key, Select.
Status FinishPlan(const Source& s, const std::optional<Select>& select, const std::optional<std::string>& projection,
                  bool query, bool no_key_filter, ReadPlan* plan) {
  ReadPlan& p = *plan;
  if (p.filter && no_key_filter)
    if (const std::string* k = KeyAttrInFilter(p.filter->root, s.key))
      return Status::Validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: " + *k);
  if (select) {
    p.select = *select;
    const std::string prefix = query ? "1 validation error detected: " : "";
    if (*select == Select::kSpecificAttributes && !projection)
      return Status::Validation(prefix + "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
    if (*select != Select::kSpecificAttributes && projection)
      return Status::Validation(prefix + "Cannot specify the ProjectionExpression when choosing to get " +
                                (*select == Select::kCount ? "only the Count" : SelectName(*select)));
    if (*select == Select::kAllProjectedAttributes && !s.index)
      return Status::Validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    if (*select == Select::kAllAttributes && s.is_gsi() && s.index->projection.projection_type != "ALL")
      return Status::Validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index " +
                                s.index->name + " because its projection type is not ALL");
  } else {
    p.select = projection ? Select::kSpecificAttributes : s.index ? Select::kAllProjectedAttributes : Select::kAllAttributes;
  }
  return Status::OK();
}

// Runs the read loop over candidates in order, applying Limit and the 1 MB page before the filter.
// `next` yields the next candidate's entry in s.store (or null when exhausted). Items are decoded
// only when something reads them (a filter, the items returned, the last key): a COUNT walks sizes.
template <typename Next>
void Collect(const Source& s, const ReadPlan& plan, std::optional<int64_t> limit, Next next, const ops::ReadSink& sink,
             QueryResponse* out, size_t* bytes_read) {
  const StoredItem* last = nullptr;
  bool more = false;
  // An LSI read of attributes outside its projection fetches the table's item (AWS charges that
  // fetch too; a GSI cannot, which FinishPlan refuses).
  const bool fetch_base = s.index && !s.is_gsi() && s.index->projection.projection_type != "ALL" &&
                          (plan.select == Select::kAllAttributes || plan.select == Select::kSpecificAttributes || plan.filter);
  while (true) {
    const StoredItem* entry = next();
    if (!entry) break;
    if ((limit && out->scanned_count >= *limit) || *bytes_read >= kPageBytes) {
      more = true;
      break;
    }
    ++out->scanned_count;
    *bytes_read += entry->size;
    last = entry;
    if (!fetch_base && !plan.filter && plan.select == Select::kCount) {
      ++out->count;
      continue;
    }
    if (sink.json && !fetch_base && !plan.filter && !plan.projection) {  // the block as it is
      if (out->count++ > 0) sink.json->push_back(',');
      sink.write_block(*entry->item, s.store->names(), s.store->projection(), sink.json);
      continue;
    }
    const ItemPtr item = s.store->Load(*entry);
    ItemPtr visible = item;
    if (fetch_base) {
      auto k = s.table->KeyFromKeyParam(s.table->KeyOf(*item));
      if (k.ok())
        if (ItemPtr base = s.table->Find(*k)) visible = base;
    }
    if (plan.filter && !expr::Evaluate(*plan.filter, *visible)) continue;
    ++out->count;
    if (plan.select == Select::kCount) continue;
    if (sink.json) {
      if (out->count > 1) sink.json->push_back(',');
      sink.write_item(plan.projection ? expr::Project(*visible, *plan.projection) : *visible, sink.json);
    } else if (plan.projection) {
      out->items.push_back(std::make_shared<const Item>(expr::Project(*visible, *plan.projection)));
    } else {
      out->items.push_back(std::move(visible));
    }
  }
  // DynamoDB stops after Limit items and returns LastEvaluatedKey even when nothing follows; after
  // a full 1 MB page it returns one when more items remain.
  if (last && (more || (limit && out->scanned_count >= *limit))) out->last_evaluated_key = LastKeyOf(s, s.store->Decode(*last));
}

// What a Query's expressions report without the table's schema: the KeyConditionExpression as a
// condition (syntax, undefined values, operand types), the filter and projection, unused entries.
Status CheckQueryExpressions(const QueryRequest& req) {
  auto ph = ops::MakePlaceholders(req.expr);
  auto key_condition = expr::ParseCondition(*req.key_condition_expression, "KeyConditionExpression", ph);
  if (!key_condition.ok()) return AtField(key_condition.take_status(), "KeyConditionExpression");
  ReadPlan plan;
  DDB_RETURN_IF_ERROR(ParseReadExpressions(req.filter_expression, req.projection_expression, ph, &plan));
  return expr::CheckUnused(ph);
}

}  // namespace

Result<QueryResponse> Engine::Query(const QueryRequest& req) { return ops::RunQuery(*this, req, false); }

Result<QueryResponse> ops::RunQuery(Engine& engine, const QueryRequest& req, bool filter_on_key_allowed,
                                    const ReadSink& sink) {
  if (!req.key_condition_expression)
    return AtField(Status::Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."),
                   "KeyConditionExpression");
  DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(req.expr, true));
  auto table = GetDataTable(engine, req.table_name);
  Result<Source> source = table.ok() ? ResolveSource(**table, req.index_name, req.consistent_read) : Result<Source>(table.status());
  if (!source.ok()) {
    // The expressions' own errors come first (paritysuite dynamodb-conformance
    // validation-ordering/queryKeyCondition.test.ts, eu-west-2: "it checks operand types before it
    // looks for the table"); checked here, on the error path, so a good request parses once.
    DDB_RETURN_IF_ERROR(CheckQueryExpressions(req));
    return source.take_status();
  }
  Table* t = *table;
  Source s = std::move(source).value();
  auto ph = ops::MakePlaceholders(req.expr);
  Result<expr::KeyCondition> parsed =
      expr::ParseKeyCondition(*req.key_condition_expression, ph, KeySpecs(s.key.hash), KeySpecs(s.key.range));
  if (!parsed.ok()) return AtField(parsed.take_status(), "KeyConditionExpression");
  expr::KeyCondition kc = std::move(parsed).value();
  ReadPlan plan;
  DDB_RETURN_IF_ERROR(ParseReadExpressions(req.filter_expression, req.projection_expression, ph, &plan));
  DDB_RETURN_IF_ERROR(FinishPlan(s, req.select, req.projection_expression, true, !filter_on_key_allowed, &plan));
  DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
  if (req.exclusive_start_key) {
    DDB_RETURN_IF_ERROR(AtField(CheckStartKey(s, *req.exclusive_start_key), "ExclusiveStartKey"));
    for (size_t i = 0; i < s.key.hash.size(); ++i)
      if (!(req.exclusive_start_key->at(s.key.hash[i].name) == kc.hash_values[i]))
        return AtField(Status::Validation("The provided starting key is outside query boundaries based on provided conditions"),
                       "ExclusiveStartKey");
  }

  QueryResponse out;
  out.count_only = plan.select == Select::kCount;
  size_t bytes = 0;
  const bool fwd = req.scan_index_forward;
  static const ItemStore::Partition kEmpty;
  std::string pk;
  if (s.key.hash.size() == 1) {
    pk = EncodeKeyValue(kc.hash_value);
  } else {
    Item hash_item;
    for (size_t i = 0; i < s.key.hash.size(); ++i) hash_item.emplace(s.key.hash[i].name, kc.hash_values[i]);
    pk = s.PartitionBytes(hash_item);
  }
  const ItemStore::Partition* part = s.store->FindPartition(pk);
  if (!part) part = &kEmpty;
  using It = ItemStore::Partition::const_iterator;
  // Iterator order with end() last: the later / earlier of two positions.
  auto later = [&](It a, It b) { return a == part->end() ? a : b == part->end() ? b : (a->first < b->first ? b : a); };
  auto earlier = [&](It a, It b) { return a == part->end() ? b : b == part->end() ? a : (a->first < b->first ? a : b); };
  It lo = part->begin();
  It hi = part->end();
  // Narrow to the sort-key range by bytes (table sort bytes are the key's own order; in an index
  // the encoded sort key leads the sort bytes, so its escaped form without terminator is a prefix;
  // with several RANGE attributes the '=' values of the leading ones come first).
  using Op = expr::KeyCondition::Op;
  std::string range_prefix;
  for (const AttributeValue& v : kc.range_prefix) AppendOrdered(range_prefix, EncodeKeyValue(v));
  auto bound = [&](const AttributeValue& v, bool upper) -> It {
    if (!s.index) return upper ? part->upper_bound(EncodeKeyValue(v)) : part->lower_bound(EncodeKeyValue(v));
    std::string b = range_prefix;
    AppendOrdered(b, EncodeKeyValue(v));
    b.resize(b.size() - 2);
    if (upper) b += std::string("\0\x02", 2);
    return part->lower_bound(b);
  };
  if (!range_prefix.empty()) {  // only the entries whose leading RANGE values are the '=' ones
    std::string prefix_end = range_prefix;
    prefix_end.back() = '\x02';  // past every continuation of the terminated prefix
    lo = part->lower_bound(range_prefix);
    hi = part->lower_bound(prefix_end);
  }
  if (!s.key.range.empty()) {
    switch (kc.range_op) {
      case Op::kEq: lo = bound(kc.range_v1, false); hi = bound(kc.range_v1, true); break;
      case Op::kGe: case Op::kGt: case Op::kBeginsWith: lo = bound(kc.range_v1, false); break;
      case Op::kLe: case Op::kLt: hi = bound(kc.range_v1, true); break;
      case Op::kBetween: lo = bound(kc.range_v1, false); hi = bound(kc.range_v2, true); break;
      case Op::kNone: break;
    }
    if (hi != part->end() && lo != part->end() && hi->first < lo->first) hi = lo;
    if (lo == part->end()) hi = lo;
  }
  if (req.exclusive_start_key) {
    const std::string sk = s.SortBytes(*req.exclusive_start_key);
    if (fwd) lo = later(lo, part->upper_bound(sk));
    else hi = earlier(hi, part->lower_bound(sk));
    if (hi != part->end() && lo != part->end() && hi->first < lo->first) hi = lo;
  }
  auto it_f = lo;
  auto it_b = hi;
  const uint32_t range_id = kc.range_op != Op::kNone ? s.store->names().Find(kc.range_name) : AttrNames::kNone;
  auto next = [&]() -> const StoredItem* {
    while (true) {
      const StoredItem* stored = nullptr;
      if (fwd) {
        if (it_f == hi) return nullptr;
        stored = &it_f->second;
        ++it_f;
      } else {
        if (it_b == lo) return nullptr;
        --it_b;
        stored = &it_b->second;
      }
      if (kc.range_op != Op::kNone) {
        AttributeValue v;
        if (range_id == AttrNames::kNone || !stored->item->Get(range_id, &v) || !expr::MatchesRange(kc, v)) continue;
      }
      return stored;
    }
  };
  Collect(s, plan, req.limit, next, sink, &out, &bytes);
  const double units = ops::ReadUnits(bytes, req.consistent_read);
  DDB_RETURN_IF_ERROR(ops::ChargeRead(engine, *t, s.index, units));
  out.consumed_capacity = ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, units, 0);
  if (out.consumed_capacity && s.index) {
    Capacity c{out.consumed_capacity->table.read, 0};
    out.consumed_capacity->table = Capacity{};
    if (s.is_gsi()) out.consumed_capacity->global_indexes[s.index->name] = c;
    else out.consumed_capacity->local_indexes[s.index->name] = c;
  }
  return out;
}

Result<QueryResponse> Engine::Scan(const ScanRequest& req) { return ops::RunScan(*this, req); }

Result<QueryResponse> ops::RunScan(Engine& engine, const ScanRequest& req, const ReadSink& sink) {
  DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(req.expr, req.filter_expression || req.projection_expression));
  if (req.segment && !req.total_segments)
    return Status::Validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  if (req.total_segments && !req.segment)
    return Status::Validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
  if (req.segment && *req.segment >= *req.total_segments)
    return Status::Validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
                              std::to_string(*req.segment) + " is not less than TotalSegments: " + std::to_string(*req.total_segments));
  auto ph = ops::MakePlaceholders(req.expr);
  ReadPlan plan;
  DDB_RETURN_IF_ERROR(ParseReadExpressions(req.filter_expression, req.projection_expression, ph, &plan));
  DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(engine, req.table_name));
  DDB_ASSIGN_OR_RETURN(Source s, ResolveSource(*t, req.index_name, req.consistent_read));
  DDB_RETURN_IF_ERROR(FinishPlan(s, req.select, req.projection_expression, false, false, &plan));
  if (req.exclusive_start_key) DDB_RETURN_IF_ERROR(CheckStartKey(s, *req.exclusive_start_key));

  // Segment i of n covers partition hashes [i * step, (i + 1) * step), step = (2^64 - 1) / n; the
  // last segment runs to the end.
  uint64_t seg_lo = 0, seg_hi = UINT64_MAX;
  bool seg_last = true;
  if (req.segment) {
    const auto n = static_cast<uint64_t>(*req.total_segments);
    const auto i = static_cast<uint64_t>(*req.segment);
    const uint64_t step = UINT64_MAX / n;
    seg_lo = step * i;
    seg_last = i + 1 == n;
    seg_hi = seg_last ? UINT64_MAX : step * (i + 1);
  }
  auto past_segment = [&](uint64_t h) { return seg_last ? false : h >= seg_hi; };

  QueryResponse out;
  out.count_only = plan.select == Select::kCount;
  size_t bytes = 0;
  const auto& parts = s.store->partitions();
  auto pit = parts.lower_bound(ItemStore::PartKey{seg_lo, std::string()});
  ItemStore::Partition::const_iterator iit;
  bool started = false;
  if (req.exclusive_start_key) {
    const std::string pk = s.PartitionBytes(*req.exclusive_start_key);
    const ItemStore::PartKey pkey{PartitionHash(pk), pk};
    if (req.segment) {
      // The key must lie in the requested segment; the message names the one it lies in
      // (ScyllaDB issue https://github.com/scylladb/scylladb/pull/9270, real DynamoDB's text;
      // ExtendDB PR #203, us-east-1).
      const auto n = static_cast<uint64_t>(*req.total_segments);
      const uint64_t belongs = std::min(pkey.hash / (UINT64_MAX / n), n - 1);
      if (belongs != static_cast<uint64_t>(*req.segment))
        return Status::Validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: " +
                                  std::to_string(n) + " Segment: " + std::to_string(belongs));
    }
    pit = parts.lower_bound(pkey);
    if (pit != parts.end() && !(pkey < pit->first)) {  // the start partition still exists
      iit = pit->second.upper_bound(s.SortBytes(*req.exclusive_start_key));
      started = true;
    }
  }
  auto next = [&]() -> const StoredItem* {
    while (pit != parts.end()) {
      if (past_segment(pit->first.hash)) {
        pit = parts.end();
        break;
      }
      if (!started) {
        iit = pit->second.begin();
        started = true;
      }
      if (iit != pit->second.end()) return &(iit++)->second;
      ++pit;
      started = false;
    }
    return nullptr;
  };
  Collect(s, plan, req.limit, next, sink, &out, &bytes);
  const double units = ops::ReadUnits(bytes, req.consistent_read);
  DDB_RETURN_IF_ERROR(ops::ChargeRead(engine, *t, s.index, units));
  out.consumed_capacity = ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, units, 0);
  if (out.consumed_capacity && s.index) {
    Capacity c{out.consumed_capacity->table.read, 0};
    out.consumed_capacity->table = Capacity{};
    if (s.is_gsi()) out.consumed_capacity->global_indexes[s.index->name] = c;
    else out.consumed_capacity->local_indexes[s.index->name] = c;
  }
  return out;
}

}  // namespace ddb
