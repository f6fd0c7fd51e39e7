// Time to Live: UpdateTimeToLive / DescribeTimeToLive, the expiry rule (IsExpired) and the sweeper.
// Messages are those seen from the real service (community reports, aws-facts.md section 4):
//   "TimeToLive is already enabled", "TimeToLive is already disabled",
//   "TimeToLive is active on a different AttributeName: current AttributeName is <a>",
//   "Time to live has been modified multiple times within a fixed interval",
//   "Cannot describe time to live while table is in CREATING state: Current table state is CREATING".
// The content checks run before the change-limit check, as observed.
#include <utility>

#include "ttl/ttl.h"

#include <algorithm>

#include "ddb/engine.h"
#include "table.h"
#include "ddb/global_tables.h"
#include "engine_internal.h"

namespace ddb {

namespace {

constexpr int64_t kFiveYearsMs = 5LL * 365 * 24 * 3600 * 1000;
constexpr int64_t kRealisticMaxDelayMs = 48LL * 3600 * 1000;

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t HashBytes(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
  return (h ^ 0xff) * 0x100000001B3ULL;  // separator, so ("ab","c") != ("a","bc")
}

}  // namespace

// [SECTION] Expiry rule -----------------------------------------------------------------------------
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html
// A top-level N of epoch seconds; fractional seconds are truncated. Values more than five years in the
// past are ignored (AWS's guard against malformed timestamps); values in milliseconds read as dates
// thousands of years ahead and so never expire in practice.

namespace {

// The expiry of a TTL attribute's value (see TtlExpiryMillis).
int64_t ExpiryOf(const AttributeValue& v, int64_t now_ms) {
  if (!v.is(AttrType::kN)) return -1;
  const std::string& text = v.s();  // canonical: no exponent
  if (!text.empty() && text[0] == '-') return -1;  // before 1970: more than five years ago
  const std::string whole = text.substr(0, text.find('.'));
  if (whole.size() > 12) return -1;  // beyond year 33000: never, and keeps the arithmetic in range
  int64_t secs = 0;
  for (char c : whole) secs = secs * 10 + (c - '0');
  const int64_t ms = secs * 1000;
  if (ms < now_ms - kFiveYearsMs) return -1;
  return ms;
}

// TtlExpiryMillis of a stored item, reading only the TTL attribute from its block.
int64_t StoredExpiryMillis(const ItemStore& store, const StoredItem& e, std::string_view ttl_attribute, int64_t now_ms) {
  const uint32_t id = store.names().Find(ttl_attribute);
  AttributeValue v;
  if (id == AttrNames::kNone || !e.item->Get(id, &v)) return -1;
  return ExpiryOf(v, now_ms);
}

}  // namespace

int64_t TtlExpiryMillis(const Item& item, std::string_view ttl_attribute, int64_t now_ms) {
  auto it = item.find(ttl_attribute);
  return it == item.end() ? -1 : ExpiryOf(it->second, now_ms);
}

bool IsExpired(const Item& item, std::string_view ttl_attribute, int64_t now_ms) {
  const int64_t at = TtlExpiryMillis(item, ttl_attribute, now_ms);
  return at >= 0 && at <= now_ms;
}

// [SECTION] State ---------------------------------------------------------------------------------

const TtlManager::TableTtl* TtlManager::Find(const Table& t) const {
  auto it = tables_.find(t.desc.table_name);
  if (it == tables_.end() || it->second.table_id != t.desc.table_id) return nullptr;
  return &it->second;
}

TtlManager::TableTtl& TtlManager::Get(const Table& t) {
  TableTtl& s = tables_[t.desc.table_name];
  if (s.table_id != t.desc.table_id) {
    s = TableTtl{};
    s.table_id = t.desc.table_id;
  }
  return s;
}

// [SECTION] Sweeper -------------------------------------------------------------------------------
// Classroom: a sweep every minute deletes everything expired. Realistic: a sweep every 15 minutes
// deletes items whose seeded per-item delay (0..48 h after expiry, fixed by the engine seed, table and
// key) has passed — best effort, as AWS promises only "within a few days".

int64_t TtlManager::SweepIntervalMs() const {
  return engine_.settings().ttl_delay_model == TtlDelayModel::kRealistic ? 15LL * 60 * 1000 : 60LL * 1000;
}

int64_t TtlManager::DeleteDueMillis(const std::string& table_id, const std::string& pk, const std::string& sk,
                                    int64_t expiry_ms) const {
  if (engine_.settings().ttl_delay_model != TtlDelayModel::kRealistic) return expiry_ms;
  uint64_t h = HashBytes(HashBytes(HashBytes(0xcbf29ce484222325ULL ^ Mix(engine_.seed()), table_id), pk), sk);
  return expiry_ms + static_cast<int64_t>(Mix(h) % static_cast<uint64_t>(kRealisticMaxDelayMs));
}

void TtlManager::EnsureSweeper() {
  if (sweep_task_ != 0) return;
  sweep_task_ = engine_.clock().ScheduleAfter(SweepIntervalMs(), "TTL sweep", [this] {
    sweep_task_ = 0;
    Sweep();
    bool any = false;
    for (const auto& [_, s] : tables_) any = any || s.status == "ENABLED" || s.status == "ENABLING";
    if (any) EnsureSweeper();
  });
}

void TtlManager::Sweep() {
  const int64_t now = engine_.clock().NowMillis();
  for (const auto& [name, state] : tables_) {
    if (state.status != "ENABLED") continue;
    Table* t = FindMutableTable(engine_, name);
    if (!t || t->desc.table_id != state.table_id || t->desc.table_status == "CREATING" || t->desc.table_status == "DELETING") continue;
    struct Victim {
      EncodedKey key;
      int64_t expiry_ms;
    };
    std::vector<Victim> victims;
    for (const auto& [part_key, part] : t->store().partitions()) {
      for (const auto& [sk, item] : part) {
        const int64_t at = StoredExpiryMillis(t->store(), item, state.attribute_name, now);
        if (at < 0 || at > now) continue;
        if (DeleteDueMillis(state.table_id, part_key.pk, sk, at) > now) continue;
        victims.push_back({EncodedKey{part_key.hash, part_key.pk, sk}, at});
      }
    }
    for (const Victim& v : victims) {
      ItemPtr old = t->Load(t->Erase(v.key));
      if (!old) continue;
      ChangeEvent e;
      e.table_name = name;
      e.cause = ChangeCause::kTtl;
      e.kind = ChangeKind::kRemove;
      e.keys = t->KeyOf(*old);
      e.old_image = old;
      log_.push_back({now, name, e.keys, v.expiry_ms});
      if (log_.size() > 256) log_.pop_front();
      std::vector<ChangeEvent> one;
      one.push_back(std::move(e));
      Publish(engine_, std::move(one));
    }
  }
}

// [SECTION] API -----------------------------------------------------------------------------------

Result<TimeToLiveSpecification> Engine::UpdateTimeToLive(const UpdateTimeToLiveRequest& req) {
  clock().RunDue();
  Table* t = FindMutableTable(*this, req.table_name);
  const auto& spec = req.time_to_live_specification;
  if (spec.attribute_name.empty()) return Status::Validation("TimeToLiveSpecification.AttributeName must be non empty");
  if (!t) return Status::NotFound("Requested resource not found: Table: " + req.table_name + " not found");
  if (t->desc.table_status == "CREATING")
    return Status::InUse("Attempt to change a resource which is still in use: Table " + req.table_name + " is being created");
  if (GlobalTables* global = rep().context.global_tables; global && spec.enabled)
    DDB_RETURN_IF_ERROR(global->CheckStrongAllows(*this, req.table_name, "Time to Live is"));
  TtlManager& mgr = Ttl(*this);
  TtlManager::TableTtl& s = mgr.Get(*t);
  const bool active = s.status == "ENABLED" || s.status == "ENABLING";
  if (active && s.attribute_name != spec.attribute_name)
    return Status::Validation("TimeToLive is active on a different AttributeName: current AttributeName is " + s.attribute_name);
  if (spec.enabled && active) return Status::Validation("TimeToLive is already enabled");
  if (!spec.enabled && !active) return Status::Validation("TimeToLive is already disabled");
  const int64_t now = clock().NowMillis();
  if (s.last_change_ms >= 0 && now - s.last_change_ms < settings().ttl_cooldown_ms)
    return Status::Validation("Time to live has been modified multiple times within a fixed interval");
  s.last_change_ms = now;
  s.attribute_name = spec.attribute_name;
  s.status = spec.enabled ? "ENABLING" : "DISABLING";
  const std::string name = req.table_name, table_id = t->desc.table_id;
  const bool enabled = spec.enabled;
  clock().ScheduleAfter(settings().ttl_transition_delay_ms, std::string("TTL ") + name + (enabled ? " ENABLED" : " DISABLED"),
                       [this, name, table_id, enabled] {
                         Table* tb = FindMutableTable(*this, name);
                         if (!tb || tb->desc.table_id != table_id) return;
                         TtlManager::TableTtl& st = Ttl(*this).Get(*tb);
                         if (enabled && st.status == "ENABLING") st.status = "ENABLED";
                         if (!enabled && st.status == "DISABLING") {
                           st.status = "DISABLED";
                           st.attribute_name.clear();
                         }
                       });
  if (enabled) mgr.EnsureSweeper();
  if (GlobalTables* global = rep().context.global_tables) global->OnTimeToLiveUpdated(*this, req);  // kept in step across replicas
  return spec;
}

Result<TimeToLiveDescription> Engine::DescribeTimeToLive(std::string_view table_name) {
  clock().RunDue();
  return std::as_const(*this).DescribeTimeToLive(table_name);
}

Result<TimeToLiveDescription> Engine::DescribeTimeToLive(std::string_view table_name) const {
  const Table* t = FindTable(*this, table_name);
  if (!t) return Status::NotFound("Requested resource not found: Table: " + std::string(table_name) + " not found");
  const std::string& st = t->desc.table_status;
  if (st == "CREATING" || st == "DELETING")
    return Status::Validation("Cannot describe time to live while table is in " + st + " state: Current table state is " + st);
  TimeToLiveDescription d;
  d.time_to_live_status = "DISABLED";
  if (const TtlManager* ttl = TtlIfAny(*this)) {
    if (const TtlManager::TableTtl* s = ttl->Find(*t)) {
      d.time_to_live_status = s->status;
      d.attribute_name = s->attribute_name;
    }
  }
  return d;
}

std::vector<TtlDeletion> Engine::TtlDeletions(std::string_view table_name) const {
  std::vector<TtlDeletion> out;
  if (const TtlManager* ttl = TtlIfAny(*this))
    for (const TtlDeletion& d : ttl->log())
      if (table_name.empty() || d.table_name == table_name) out.push_back(d);
  return out;
}

std::vector<ItemExpiry> Engine::ListItemExpiries(std::string_view table_name) const {
  std::vector<ItemExpiry> out;
  const Table* t = FindTable(*this, table_name);
  const TtlManager* ttl = TtlIfAny(*this);
  if (!t || !ttl) return out;
  const TtlManager::TableTtl* s = ttl->Find(*t);
  if (!s || s->status != "ENABLED") return out;
  const int64_t now = clock().NowMillis();
  for (const auto& [part_key, part] : t->store().partitions()) {
    for (const auto& [sk, item] : part) {
      const int64_t at = StoredExpiryMillis(t->store(), item, s->attribute_name, now);
      if (at < 0) continue;
      ItemExpiry e;
      e.keys = t->KeyOf(t->store().Decode(item));
      e.expiry_ms = at;
      e.expired = at <= now;
      e.delete_due_ms = ttl->DeleteDueMillis(s->table_id, part_key.pk, sk, at);
      out.push_back(std::move(e));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ItemExpiry& a, const ItemExpiry& b) { return a.expiry_ms < b.expiry_ms; });
  return out;
}

}  // namespace ddb
