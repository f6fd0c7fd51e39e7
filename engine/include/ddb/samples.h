// Sample data sets, generated on demand as the requests that build them: one CreateTable and then
// BatchWriteItem requests of at most 25 puts (DynamoDB's batch limit). Deterministic: the same
// data set, size, seed and start time give the same requests byte for byte.
//   music:    Music (Artist, SongTitle), GSI GenreIndex (Genre, Year), LSI AlbumIndex
//   orders:   Orders (CustomerId, OrderId), GSI StatusIndex (OrderStatus, OrderDate)
//   sessions: Sessions (SessionId), GSI UserIndex (UserId, CreatedAt), ExpiresAt epoch seconds
//             spread around now, ready for TTL
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/clock.h"
#include "ddb/status.h"

namespace ddb::samples {

struct SampleDataSet {
  std::string id;           // "music", "orders", "sessions"
  std::string table_name;   // default table name
  std::string description;  // one sentence for the UI
};

struct SampleRequest {
  std::string operation;  // "CreateTable" or "BatchWriteItem"
  std::string body;       // JSON text
};

// Every data set, in menu order.
const std::vector<SampleDataSet>& DataSets();

struct GenerateOptions {
  size_t item_count = 100;
  uint64_t seed = 1;
  int64_t now_epoch_seconds = 1767225600;  // the virtual clock's "now", for TTL-ready epochs
  std::string table_name;                  // empty: the data set's default
};

// The CreateTable request followed by ceil(item_count / 25) BatchWriteItem requests. Item keys are
// unique within a data set. Errors: Validation for an unknown data set id.
Result<std::vector<SampleRequest>> Generate(std::string_view data_set_id, const GenerateOptions& options);

// The same requests one at a time, in the same order: a million items are 40,001 requests (about
// 250 MB as text), so the item explorer makes each one as it sends it.
class SampleGenerator {
 public:
  // Errors: Validation for an unknown data set id.
  static Result<SampleGenerator> Make(std::string_view data_set_id, const GenerateOptions& options);
  // The next request; false after the last one.
  bool Next(SampleRequest* out);
  size_t total() const { return 1 + (options_.item_count + kBatch - 1) / kBatch; }  // requests in all
  size_t produced() const { return produced_; }
  const std::string& table_name() const { return table_; }

 private:
  static constexpr size_t kBatch = 25;  // BatchWriteItem's limit
  SampleGenerator(const SampleDataSet* set, const GenerateOptions& options);
  const SampleDataSet* set_;
  GenerateOptions options_;
  std::string table_;
  SeededRandom rng_;
  size_t next_item_ = 0;
  size_t produced_ = 0;
};

}  // namespace ddb::samples
