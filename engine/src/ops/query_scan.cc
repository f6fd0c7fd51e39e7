// Query and Scan over a table or one of its secondary indexes: key conditions, ExclusiveStartKey,
// Limit and the 1 MB page limit (both applied before the FilterExpression), Select, projection,
// Count vs ScannedCount, Scan segments, and read-capacity accounting.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html
//
// Secondary indexes are read through a view built from the table's items when the request runs
// (sparse: items lacking an index key attribute are absent). The indexes issue replaces the view
// with maintained index storage; the ordering and paging rules here stay the same.
#include <algorithm>

#include "ddb/engine.h"
#include "ops/common.h"
#include "table.h"

namespace ddb {

namespace {

constexpr size_t kPageBytes = 1024 * 1024;

// Order-preserving concatenation of byte strings: 0x00 -> 0x00 0xFF, each part ends with 0x00 0x01.
void AppendOrdered(std::string& out, std::string_view part) {
  for (char c : part) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xff');
  }
  out.push_back('\0');
  out.push_back('\x01');
}
void AppendHash(std::string& out, uint64_t h) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((h >> (i * 8)) & 0xff));
}

// Where a request reads: the table, or an index over it.
struct Source {
  const Table* table = nullptr;
  const IndexDescription* index = nullptr;
  bool is_gsi = false;
  KeyDef key;  // the key of what is read (index key for an index)
};

Result<KeyDef> IndexKeyDef(const Table& t, const IndexDescription& idx) {
  KeyDef k;
  auto type_of = [&](const std::string& n) {
    AttrType ty = AttrType::kS;
    for (const auto& d : t.desc.attribute_definitions)
      if (d.attribute_name == n) ParseAttrType(d.attribute_type, &ty);
    return ty;
  };
  k.hash = KeyAttr{idx.key_schema[0].attribute_name, type_of(idx.key_schema[0].attribute_name)};
  if (idx.key_schema.size() > 1) k.range = KeyAttr{idx.key_schema[1].attribute_name, type_of(idx.key_schema[1].attribute_name)};
  return k;
}

Result<Source> ResolveSource(const Table& t, const std::optional<std::string>& index_name, bool consistent_read) {
  Source s;
  s.table = &t;
  s.key = t.key;
  if (!index_name) return s;
  for (const auto& g : t.desc.global_secondary_indexes)
    if (g.index_name == *index_name) { s.index = &g; s.is_gsi = true; }
  for (const auto& l : t.desc.local_secondary_indexes)
    if (l.index_name == *index_name) s.index = &l;
  if (!s.index) return Status::Validation("The table does not have the specified index: " + *index_name);
  if (s.is_gsi && consistent_read) return Status::Validation("Consistent reads are not supported on global secondary indexes");
  DDB_ASSIGN_OR_RETURN(s.key, IndexKeyDef(t, *s.index));
  return s;
}

bool HasKeyAttr(const Item& item, const KeyAttr& ka) {
  auto it = item.find(ka.name);
  return it != item.end() && it->second.type() == ka.type;
}

// An index entry: the item as the index projects it, plus its sort position.
struct Entry {
  std::string order;
  ItemPtr item;
};

// The item as stored in the index (projection applied), sharing the table's item for ALL.
ItemPtr ProjectForIndex(const Table& t, const IndexDescription& idx, const ItemPtr& item) {
  if (idx.projection.projection_type == "ALL") return item;
  Item out = t.KeyOf(*item);
  for (const auto& ks : idx.key_schema) {
    auto it = item->find(ks.attribute_name);
    if (it != item->end()) out.insert(*it);
  }
  for (const auto& a : idx.projection.non_key_attributes) {
    auto it = item->find(a);
    if (it != item->end()) out.insert(*it);
  }
  return std::make_shared<const Item>(std::move(out));
}

std::string TableOrderSuffix(const Table& t, const Item& item) {
  std::string s;
  AppendOrdered(s, EncodeKeyValue(item.at(t.key.hash.name)));
  if (t.key.range) AppendOrdered(s, EncodeKeyValue(item.at(t.key.range->name)));
  return s;
}

// Entry order for an index: Query (within one index partition) sorts by index sort key, then table
// key; Scan additionally leads with the index partition's hash.
std::string IndexOrder(const Source& s, const Item& item, bool for_scan) {
  std::string o;
  if (for_scan) {
    const std::string pk = EncodeKeyValue(item.at(s.key.hash.name));
    AppendHash(o, PartitionHash(pk));
    AppendOrdered(o, pk);
  }
  if (s.key.range) AppendOrdered(o, EncodeKeyValue(item.at(s.key.range->name)));
  o += TableOrderSuffix(*s.table, item);
  return o;
}

std::vector<Entry> IndexEntries(const Source& s, const AttributeValue* hash_eq, bool for_scan) {
  std::vector<Entry> out;
  for (const auto& [pk, part] : s.table->partitions()) {
    for (const auto& [sk, item] : part) {
      if (!HasKeyAttr(*item, s.key.hash) || (s.key.range && !HasKeyAttr(*item, *s.key.range))) continue;
      if (hash_eq && !(item->at(s.key.hash.name) == *hash_eq)) continue;
      out.push_back({IndexOrder(s, *item, for_scan), item});
    }
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.order < b.order; });
  return out;
}

// The key attributes a LastEvaluatedKey carries: the table key, plus the index key for an index.
Item LastKeyOf(const Source& s, const Item& item) {
  Item k = s.table->KeyOf(item);
  if (s.index) {
    k.emplace(s.key.hash.name, item.at(s.key.hash.name));
    if (s.key.range) k.emplace(s.key.range->name, item.at(s.key.range->name));
  }
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
    if (!HasKeyAttr(esk, s.key.hash) || (s.key.range && !HasKeyAttr(esk, *s.key.range))) return Status::Validation(kBad);
    expected += (!table_part.count(s.key.hash.name) ? 1 : 0) + (s.key.range && !table_part.count(s.key.range->name) ? 1 : 0);
  }
  if (esk.size() != expected) return Status::Validation(kBad);
  return Status::OK();
}

struct ReadPlan {
  std::shared_ptr<const expr::Condition> filter;
  std::optional<std::vector<expr::Path>> projection;
  Select select = Select::kAllAttributes;
};

Result<ReadPlan> PlanRead(const Source& s, const std::optional<Select>& select, const std::optional<std::string>& filter,
                          const std::optional<std::string>& projection, expr::Placeholders& ph) {
  ReadPlan p;
  if (filter) {
    DDB_ASSIGN_OR_RETURN(p.filter, expr::ParseCondition(*filter, "FilterExpression", ph));
  }
  if (projection) {
    DDB_ASSIGN_OR_RETURN(auto paths, expr::ParseProjection(*projection, ph));
    p.projection = std::move(paths);
  }
  if (select) {
    p.select = *select;
    if (*select == Select::kSpecificAttributes && !projection)
      return Status::Validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
    if (*select != Select::kSpecificAttributes && projection)
      return Status::Validation(std::string("Cannot specify the ProjectionExpression when choosing to get ") +
                                (*select == Select::kCount ? "COUNT" : *select == Select::kAllAttributes ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES"));
    if (*select == Select::kAllProjectedAttributes && !s.index)
      return Status::Validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    if (*select == Select::kAllAttributes && s.is_gsi && s.index->projection.projection_type != "ALL")
      return Status::Validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index " +
                                s.index->index_name + " because its projection type is not ALL");
  } else {
    p.select = projection ? Select::kSpecificAttributes : s.index ? Select::kAllProjectedAttributes : Select::kAllAttributes;
  }
  return p;
}

// Runs the scan loop over candidates in order, applying Limit and the 1 MB page before the filter.
// `next` yields the next candidate (or null when exhausted).
template <typename Next>
void Collect(const Source& s, const ReadPlan& plan, std::optional<int64_t> limit, Next next, QueryResponse* out,
             size_t* bytes_read) {
  const Table& t = *s.table;
  ItemPtr last;
  bool more = false;
  while (true) {
    ItemPtr base;  // the table's item
    ItemPtr item = next(&base);
    if (!item) break;
    if ((limit && out->scanned_count >= *limit) || *bytes_read >= kPageBytes) {
      more = true;
      break;
    }
    ++out->scanned_count;
    *bytes_read += ItemSize(*item);
    last = base;
    // LSI reads of non-projected attributes fetch from the table (ALL_ATTRIBUTES, projections).
    const ItemPtr& visible =
        (s.index && !s.is_gsi && (plan.select == Select::kAllAttributes || plan.select == Select::kSpecificAttributes || plan.filter))
            ? base
            : item;
    if (plan.filter && !expr::Evaluate(*plan.filter, *visible)) continue;
    ++out->count;
    if (plan.select == Select::kCount) continue;
    if (plan.projection) out->items.push_back(std::make_shared<const Item>(expr::Project(*visible, *plan.projection)));
    else out->items.push_back(visible);
  }
  (void)t;
  // DynamoDB stops after Limit items and returns LastEvaluatedKey even when nothing follows; after
  // a full 1 MB page it returns one when more items remain.
  if (last && (more || (limit && out->scanned_count >= *limit))) out->last_evaluated_key = LastKeyOf(s, *last);
}

}  // namespace

Result<QueryResponse> Engine::Query(const QueryRequest& req) {
  if (!req.key_condition_expression)
    return Status::Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(req.expr, true));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(req.table_name));
  DDB_ASSIGN_OR_RETURN(Source s, ResolveSource(*t, req.index_name, req.consistent_read));
  auto ph = ops::MakePlaceholders(req.expr);
  DDB_ASSIGN_OR_RETURN(expr::KeyCondition kc,
                       expr::ParseKeyCondition(*req.key_condition_expression, ph, s.key.hash.name, s.key.hash.type,
                                               s.key.range ? s.key.range->name : std::string(),
                                               s.key.range ? s.key.range->type : AttrType::kS));
  DDB_ASSIGN_OR_RETURN(ReadPlan plan, PlanRead(s, req.select, req.filter_expression, req.projection_expression, ph));
  DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
  if (req.exclusive_start_key) {
    DDB_RETURN_IF_ERROR(CheckStartKey(s, *req.exclusive_start_key));
    if (!(req.exclusive_start_key->at(s.key.hash.name) == kc.hash_value))
      return Status::Validation("The provided starting key is outside query boundaries based on provided conditions");
  }

  QueryResponse out;
  out.count_only = plan.select == Select::kCount;
  size_t bytes = 0;
  const bool fwd = req.scan_index_forward;
  if (!s.index) {
    const Table::Partition* part = t->FindPartition(EncodeKeyValue(kc.hash_value));
    static const Table::Partition kEmpty;
    if (!part) part = &kEmpty;
    // Start position inside the partition.
    auto lo = part->begin();
    auto hi = part->end();
    if (req.exclusive_start_key && t->key.range) {
      const std::string sk = EncodeKeyValue(req.exclusive_start_key->at(t->key.range->name));
      if (fwd) lo = part->upper_bound(sk);
      else hi = part->lower_bound(sk);
    } else if (req.exclusive_start_key) {
      lo = hi;  // hash-only: the one item was returned already
    }
    auto it_f = lo;
    auto it_b = hi;
    auto next = [&](ItemPtr* base) -> ItemPtr {
      while (true) {
        const ItemPtr* cand = nullptr;
        if (fwd) {
          if (it_f == hi) return nullptr;
          cand = &it_f->second;
          ++it_f;
        } else {
          if (it_b == lo) return nullptr;
          --it_b;
          cand = &it_b->second;
        }
        if (t->key.range && !expr::MatchesRange(kc, (*cand)->at(t->key.range->name))) continue;
        *base = *cand;
        return *cand;
      }
    };
    Collect(s, plan, req.limit, next, &out, &bytes);
  } else {
    std::vector<Entry> entries = IndexEntries(s, &kc.hash_value, false);
    size_t lo = 0, hi = entries.size();
    if (req.exclusive_start_key) {
      const std::string pos = IndexOrder(s, *req.exclusive_start_key, false);
      auto cmp = [](const Entry& e, const std::string& v) { return e.order < v; };
      auto at = std::lower_bound(entries.begin(), entries.end(), pos, cmp);
      if (fwd) lo = static_cast<size_t>(at - entries.begin()) + (at != entries.end() && at->order == pos ? 1 : 0);
      else hi = static_cast<size_t>(at - entries.begin());
    }
    size_t i = fwd ? lo : hi;
    auto next = [&](ItemPtr* base) -> ItemPtr {
      while (true) {
        const Entry* e = nullptr;
        if (fwd) {
          if (i >= hi) return nullptr;
          e = &entries[i++];
        } else {
          if (i <= lo) return nullptr;
          e = &entries[--i];
        }
        if (s.key.range && !expr::MatchesRange(kc, e->item->at(s.key.range->name))) continue;
        *base = e->item;
        return ProjectForIndex(*t, *s.index, e->item);
      }
    };
    Collect(s, plan, req.limit, next, &out, &bytes);
  }
  out.consumed_capacity =
      ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, ops::ReadUnits(bytes, req.consistent_read), 0);
  return out;
}

Result<QueryResponse> Engine::Scan(const ScanRequest& req) {
  DDB_RETURN_IF_ERROR(ops::CheckExpressionParams(req.expr, req.filter_expression || req.projection_expression));
  if (req.segment && !req.total_segments)
    return Status::Validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  if (req.total_segments && !req.segment)
    return Status::Validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
  if (req.segment && *req.segment >= *req.total_segments)
    return Status::Validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
                              std::to_string(*req.segment) + " is not less than TotalSegments: " + std::to_string(*req.total_segments));
  DDB_ASSIGN_OR_RETURN(Table * t, GetDataTable(req.table_name));
  DDB_ASSIGN_OR_RETURN(Source s, ResolveSource(*t, req.index_name, req.consistent_read));
  auto ph = ops::MakePlaceholders(req.expr);
  DDB_ASSIGN_OR_RETURN(ReadPlan plan, PlanRead(s, req.select, req.filter_expression, req.projection_expression, ph));
  DDB_RETURN_IF_ERROR(expr::CheckUnused(ph));
  if (req.exclusive_start_key) DDB_RETURN_IF_ERROR(CheckStartKey(s, *req.exclusive_start_key));

  // Segment i of n covers partition hashes [i * step, (i + 1) * step), step = (2^64 - 1) / n; the last segment runs to the end.
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
  auto in_segment = [&](uint64_t h) { return h >= seg_lo && (seg_last ? h <= seg_hi : h < seg_hi); };

  QueryResponse out;
  out.count_only = plan.select == Select::kCount;
  size_t bytes = 0;
  if (!s.index) {
    const auto& parts = t->partitions();
    auto pit = parts.lower_bound(Table::PartKey{seg_lo, std::string()});
    Table::Partition::const_iterator iit;
    bool started = false;
    if (req.exclusive_start_key) {
      const std::string pk = EncodeKeyValue(req.exclusive_start_key->at(t->key.hash.name));
      const Table::PartKey pkey{PartitionHash(pk), pk};
      pit = parts.lower_bound(pkey);
      if (pit != parts.end() && !(pkey < pit->first)) {  // the start partition still exists
        if (t->key.range) {
          iit = pit->second.upper_bound(EncodeKeyValue(req.exclusive_start_key->at(t->key.range->name)));
          started = true;
        } else {
          ++pit;
        }
      }
    }
    auto next = [&](ItemPtr* base) -> ItemPtr {
      while (pit != parts.end()) {
        if (!in_segment(pit->first.hash)) {
          if (pit->first.hash > seg_hi || (!seg_last && pit->first.hash >= seg_hi)) { pit = parts.end(); break; }
          ++pit;
          started = false;
          continue;
        }
        if (!started) {
          iit = pit->second.begin();
          started = true;
        }
        if (iit != pit->second.end()) {
          *base = iit->second;
          ++iit;
          return *base;
        }
        ++pit;
        started = false;
      }
      return nullptr;
    };
    Collect(s, plan, req.limit, next, &out, &bytes);
  } else {
    std::vector<Entry> entries = IndexEntries(s, nullptr, true);
    size_t i = 0;
    if (req.exclusive_start_key) {
      const std::string pos = IndexOrder(s, *req.exclusive_start_key, true);
      auto at = std::upper_bound(entries.begin(), entries.end(), pos,
                                 [](const std::string& v, const Entry& e) { return v < e.order; });
      i = static_cast<size_t>(at - entries.begin());
    }
    auto next = [&](ItemPtr* base) -> ItemPtr {
      while (i < entries.size()) {
        const Entry& e = entries[i++];
        const uint64_t h = PartitionHash(EncodeKeyValue(e.item->at(s.key.hash.name)));
        if (!in_segment(h)) continue;
        *base = e.item;
        return ProjectForIndex(*t, *s.index, e.item);
      }
      return nullptr;
    };
    Collect(s, plan, req.limit, next, &out, &bytes);
  }
  out.consumed_capacity =
      ops::MakeConsumed(req.return_consumed_capacity, t->desc.table_name, ops::ReadUnits(bytes, req.consistent_read), 0);
  return out;
}

}  // namespace ddb
