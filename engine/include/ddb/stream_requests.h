// Typed requests and responses of DynamoDB Streams (engine/src/streams/), named after its API
// reference, like ddb/requests.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddb/requests.h"

namespace ddb {

// [SECTION] DynamoDB Streams (streams/) ------------------------------------------------------------
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
struct ListStreamsRequest {
  std::optional<std::string> table_name;
  std::optional<int64_t> limit;  // 1..100, default 100
  std::optional<std::string> exclusive_start_stream_arn;
};
struct StreamSummary {
  std::string stream_arn;
  std::string table_name;
  std::string stream_label;
};
struct ListStreamsResponse {
  std::vector<StreamSummary> streams;
  std::optional<std::string> last_evaluated_stream_arn;
};

struct DescribeStreamRequest {
  std::string stream_arn;
  std::optional<int64_t> limit;  // shards per page, 1..100, default 100
  std::optional<std::string> exclusive_start_shard_id;
  std::optional<std::string> child_shards_of;  // ShardFilter {Type: CHILD_SHARDS, ShardId}
};
struct ShardDescription {
  std::string shard_id;
  std::string parent_shard_id;           // "" for the first shard of a stream
  std::string starting_sequence_number;
  std::string ending_sequence_number;    // "" while the shard is open
  int64_t created_ms = 0, closed_ms = 0; // for panels (not on the wire); closed_ms 0 while open
};
struct StreamDescription {
  std::string stream_arn;
  std::string stream_label;
  std::string stream_status;     // ENABLING | ENABLED | DISABLING | DISABLED
  std::string stream_view_type;  // KEYS_ONLY | NEW_IMAGE | OLD_IMAGE | NEW_AND_OLD_IMAGES
  double creation_request_date_time = 0;  // epoch seconds
  std::string table_name;
  std::vector<KeySchemaElement> key_schema;
  std::vector<ShardDescription> shards;
  std::optional<std::string> last_evaluated_shard_id;
};

struct GetShardIteratorRequest {
  std::string stream_arn;
  std::string shard_id;
  std::string shard_iterator_type;  // TRIM_HORIZON | LATEST | AT_SEQUENCE_NUMBER | AFTER_SEQUENCE_NUMBER
  std::optional<std::string> sequence_number;
};

// One stream record (the Streams API's Record with its StreamRecord).
struct StreamRecord {
  std::string event_id;
  std::string event_name;                  // INSERT | MODIFY | REMOVE
  std::string event_version = "1.1";
  std::string event_source = "aws:dynamodb";
  std::string aws_region;
  bool service_identity = false;           // TTL delete: userIdentity {Type: Service, PrincipalId: dynamodb.amazonaws.com}
  int64_t approximate_creation_date_time = 0;  // epoch seconds, rounded down
  int64_t time_ms = 0;                     // virtual commit time (panels)
  Item keys;
  ItemPtr new_image;                       // per StreamViewType and event
  ItemPtr old_image;
  std::string sequence_number;
  int64_t size_bytes = 0;
  std::string stream_view_type;
};

struct GetRecordsRequest {
  std::string shard_iterator;
  std::optional<int64_t> limit;  // 1..1000, default 1000
};
struct GetRecordsResponse {
  std::vector<StreamRecord> records;
  std::optional<std::string> next_shard_iterator;  // absent once a closed shard is drained
};

}  // namespace ddb
