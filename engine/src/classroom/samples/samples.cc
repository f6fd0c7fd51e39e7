// Sample data sets for the item explorer and lessons: CreateTable + BatchWriteItem requests built
// from a seeded generator (SeededRandom), so every learner gets the same rows for the same seed.
#include "ddb/samples.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "ddb/clock.h"
#include "ddb/iso_time.h"

namespace ddb::samples {

using ojson = nlohmann::ordered_json;

const std::vector<SampleDataSet>& DataSets() {
  static const std::vector<SampleDataSet> kSets = {
      {"music", "Music",
       "A music catalogue: songs by artist (partition key Artist, sort key SongTitle), a GenreIndex GSI and an "
       "AlbumIndex LSI."},
      {"orders", "Orders",
       "Customer orders (CustomerId, OrderId) with line items, totals and a StatusIndex GSI to find orders by "
       "status and date."},
      {"sessions", "Sessions",
       "Web sessions keyed by SessionId with ExpiresAt epoch seconds around now: enable TTL on ExpiresAt and "
       "advance the clock."},
  };
  return kSets;
}

namespace {

const char* const kArtists[] = {
    "Acme Band", "No One You Know", "The Porters", "Velvet Static", "Lunar Tides", "Maple Street",
    "Glass Harbor", "Neon Orchard", "Quiet Engines", "Paper Lanterns", "Iron Meadow", "Solar Kites",
    "The Long Weekend", "Copper Foxes", "Midnight Atlas", "Saltwater Choir", "Northern Fields", "Ember & Ash",
    "Blue Parade", "Hollow Pines", "Static Bloom", "The Understudies", "Cold Coast", "Orbit Lane"};
const char* const kWords[] = {"Call", "Me", "Today", "Happy", "Day", "Rain", "Midnight", "Summer", "Road",
                              "Home", "Lights", "River", "Fire", "Dream", "Heart", "City", "Blue", "Gold",
                              "Echo", "Wild", "Silent", "Morning", "Ocean", "Shadow", "Stars", "Wind"};
const char* const kGenres[] = {"Rock", "Pop", "Jazz", "Country", "Electronic", "Folk", "Hip-Hop", "Classical"};
const char* const kStatuses[] = {"PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
const char* const kProducts[] = {"Keyboard", "Mouse", "Monitor", "Cable", "Headphones", "Webcam",
                                 "Laptop stand", "USB hub", "Desk lamp", "Notebook"};
const char* const kDevices[] = {"desktop", "mobile", "tablet"};

template <size_t N>
const char* Pick(SeededRandom& rng, const char* const (&list)[N]) {
  return list[rng.Next() % N];
}

std::string Money(uint64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%llu.%02llu", static_cast<unsigned long long>(cents / 100),
                static_cast<unsigned long long>(cents % 100));
  return buf;
}

std::string IsoDate(int64_t epoch_seconds) {
  return FormatIsoTime(epoch_seconds * 1000).substr(0, 19) + "Z";  // "2026-01-01T00:00:00Z"
}

ojson S(const std::string& s) { return ojson{{"S", s}}; }
ojson N(int64_t n) { return ojson{{"N", std::to_string(n)}}; }
ojson N(const std::string& n) { return ojson{{"N", n}}; }

ojson KeyElement(const char* name, const char* type) { return ojson{{"AttributeName", name}, {"KeyType", type}}; }
ojson AttrDef(const char* name, const char* type) {
  return ojson{{"AttributeName", name}, {"AttributeType", type}};
}

ojson MusicTable(const std::string& name) {
  return ojson{
      {"TableName", name},
      {"AttributeDefinitions",
       {AttrDef("Artist", "S"), AttrDef("SongTitle", "S"), AttrDef("AlbumTitle", "S"), AttrDef("Genre", "S"),
        AttrDef("Year", "N")}},
      {"KeySchema", {KeyElement("Artist", "HASH"), KeyElement("SongTitle", "RANGE")}},
      {"LocalSecondaryIndexes",
       {{{"IndexName", "AlbumIndex"},
         {"KeySchema", {KeyElement("Artist", "HASH"), KeyElement("AlbumTitle", "RANGE")}},
         {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}},
      {"GlobalSecondaryIndexes",
       {{{"IndexName", "GenreIndex"},
         {"KeySchema", {KeyElement("Genre", "HASH"), KeyElement("Year", "RANGE")}},
         {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"AlbumTitle", "Price"}}}}}}},
      {"BillingMode", "PAY_PER_REQUEST"}};
}

ojson MusicItem(SeededRandom& rng, size_t i) {
  const std::string title = std::string(Pick(rng, kWords)) + " " + Pick(rng, kWords) + " #" + std::to_string(i + 1);
  return ojson{{"Artist", S(Pick(rng, kArtists))},
               {"SongTitle", S(title)},
               {"AlbumTitle", S(std::string(Pick(rng, kWords)) + " " + Pick(rng, kWords))},
               {"Genre", S(Pick(rng, kGenres))},
               {"Year", N(static_cast<int64_t>(1965 + rng.Next() % 61))},
               {"Price", N(Money(99 + rng.Next() % 1900))},
               {"Plays", N(static_cast<int64_t>(rng.Next() % 5000000))}};
}

ojson OrdersTable(const std::string& name) {
  return ojson{
      {"TableName", name},
      {"AttributeDefinitions",
       {AttrDef("CustomerId", "S"), AttrDef("OrderId", "S"), AttrDef("OrderStatus", "S"),
        AttrDef("OrderDate", "S")}},
      {"KeySchema", {KeyElement("CustomerId", "HASH"), KeyElement("OrderId", "RANGE")}},
      {"GlobalSecondaryIndexes",
       {{{"IndexName", "StatusIndex"},
         {"KeySchema", {KeyElement("OrderStatus", "HASH"), KeyElement("OrderDate", "RANGE")}},
         {"Projection", {{"ProjectionType", "ALL"}}}}}},
      {"BillingMode", "PAY_PER_REQUEST"}};
}

ojson OrderItem(SeededRandom& rng, size_t i, size_t count, int64_t now) {
  char customer[48];
  const size_t customers = count / 8 + 1;
  std::snprintf(customer, sizeof(customer), "CUST#%05zu", static_cast<size_t>(rng.Next() % customers) + 1);
  const int64_t when = now - static_cast<int64_t>(rng.Next() % (365ULL * 86400));
  const std::string date = IsoDate(when);
  char order[96];
  std::snprintf(order, sizeof(order), "ORDER#%s#%06zu", date.substr(0, 10).c_str(), i + 1);
  ojson lines = ojson::array();
  uint64_t total = 0;
  const int n = 1 + static_cast<int>(rng.Next() % 4);
  for (int k = 0; k < n; ++k) {
    const uint64_t price = 199 + rng.Next() % 20000;
    const int64_t qty = 1 + static_cast<int64_t>(rng.Next() % 3);
    total += price * static_cast<uint64_t>(qty);
    lines.push_back(ojson{{"M", {{"Product", S(Pick(rng, kProducts))}, {"Quantity", N(qty)},
                                 {"UnitPrice", N(Money(price))}}}});
  }
  return ojson{{"CustomerId", S(customer)}, {"OrderId", S(order)},   {"OrderStatus", S(Pick(rng, kStatuses))},
               {"OrderDate", S(date)},      {"Total", N(Money(total))}, {"Lines", {{"L", lines}}}};
}

ojson SessionsTable(const std::string& name) {
  return ojson{{"TableName", name},
               {"AttributeDefinitions",
                {AttrDef("SessionId", "S"), AttrDef("UserId", "S"), AttrDef("CreatedAt", "N")}},
               {"KeySchema", {KeyElement("SessionId", "HASH")}},
               {"GlobalSecondaryIndexes",
                {{{"IndexName", "UserIndex"},
                  {"KeySchema", {KeyElement("UserId", "HASH"), KeyElement("CreatedAt", "RANGE")}},
                  {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}},
               {"BillingMode", "PAY_PER_REQUEST"}};
}

ojson SessionItem(SeededRandom& rng, size_t i, size_t count, int64_t now) {
  char id[64];
  std::snprintf(id, sizeof(id), "sess-%08llx-%06zu", static_cast<unsigned long long>(rng.Next() & 0xffffffffULL),
                i + 1);
  char user[48];
  std::snprintf(user, sizeof(user), "user-%04zu", static_cast<size_t>(rng.Next() % (count / 5 + 1)) + 1);
  // Created in the last 24 hours; expires 1 to 48 hours after creation (some already expired).
  const int64_t created = now - static_cast<int64_t>(rng.Next() % 86400);
  const int64_t expires = created + 3600 + static_cast<int64_t>(rng.Next() % (47 * 3600));
  return ojson{{"SessionId", S(id)},       {"UserId", S(user)},         {"CreatedAt", N(created)},
               {"ExpiresAt", N(expires)},  {"Device", S(Pick(rng, kDevices))},
               {"PageViews", N(static_cast<int64_t>(1 + rng.Next() % 60))}};
}

}  // namespace

Result<std::vector<SampleRequest>> Generate(std::string_view data_set_id, const GenerateOptions& options) {
  DDB_ASSIGN_OR_RETURN(SampleGenerator gen, SampleGenerator::Make(data_set_id, options));
  std::vector<SampleRequest> out;
  out.reserve(gen.total());
  SampleRequest r;
  while (gen.Next(&r)) out.push_back(std::move(r));
  return out;
}

Result<SampleGenerator> SampleGenerator::Make(std::string_view data_set_id, const GenerateOptions& options) {
  for (const SampleDataSet& s : DataSets()) {
    if (s.id == data_set_id) return SampleGenerator(&s, options);
  }
  return Status::Validation("Unknown sample data set: " + std::string(data_set_id));
}

SampleGenerator::SampleGenerator(const SampleDataSet* set, const GenerateOptions& options)
    : set_(set),
      options_(options),
      table_(options.table_name.empty() ? set->table_name : options.table_name),
      rng_(options.seed) {}

bool SampleGenerator::Next(SampleRequest* out) {
  if (produced_ == 0) {
    ojson create = set_->id == "music" ? MusicTable(table_) : set_->id == "orders" ? OrdersTable(table_) : SessionsTable(table_);
    *out = {"CreateTable", create.dump()};
    ++produced_;
    return true;
  }
  if (next_item_ >= options_.item_count) return false;
  ojson puts = ojson::array();
  const size_t end = std::min(options_.item_count, next_item_ + kBatch);
  for (size_t i = next_item_; i < end; ++i) {
    ojson item = set_->id == "music"    ? MusicItem(rng_, i)
                 : set_->id == "orders" ? OrderItem(rng_, i, options_.item_count, options_.now_epoch_seconds)
                                        : SessionItem(rng_, i, options_.item_count, options_.now_epoch_seconds);
    puts.push_back(ojson{{"PutRequest", {{"Item", std::move(item)}}}});
  }
  next_item_ = end;
  ojson batch = {{"RequestItems", {{table_, std::move(puts)}}}};
  *out = {"BatchWriteItem", batch.dump()};
  ++produced_;
  return true;
}

}  // namespace ddb::samples
