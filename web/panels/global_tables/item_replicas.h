// One item in every replica Region: a key entered (or picked from the keys in flight and in the
// conflict log) -> SandboxControl.DescribeItemReplicas, shown as Region | item | written in |
// written at and re-read while it is shown; and "Put in Region X", a PutItem sent to the Region
// picked (the request's Region), so a learner can make two concurrent writes in two Regions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panels/global_tables/replication_view.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::gt {

// The table's key (from DescribeTable's KeySchema and AttributeDefinitions).
struct KeyShape {
  std::string partition_key, partition_type = "S";
  std::string sort_key, sort_type;  // sort_key empty: no sort key
};

class ItemReplicas {
 public:
  // Returns true when a request was sent (the panel re-reads the group at once).
  bool Draw(AppContext& ctx, const std::string& table, const KeyShape& shape, const ReplicationView& view);
  // {"key": {...} | null, "versions": [{"region", "item", "writtenIn", "writtenAt"}], "error", "putError", "puts"}
  Json TestState() const;
  // Re-read the item on the next frame (after the clock moved or a request changed something).
  void Invalidate() { next_poll_ = 0; }

 private:
  struct Version {
    std::string region;
    Json item;  // null when the item is not there
    std::string written_in;
    int64_t written_ms = 0;
  };
  Json KeyJson(const KeyShape& shape) const;  // null while the partition key field is empty
  void Refresh(AppContext& ctx, const std::string& table, const Json& key);
  void DrawKeyRow(AppContext& ctx, const KeyShape& shape, const ReplicationView& view);
  void DrawVersions(const ReplicationView& view);
  bool DrawPutRow(AppContext& ctx, const std::string& table, const KeyShape& shape, const ReplicationView& view);

  std::string table_;
  std::string pk_, sk_;  // the key fields' text
  Json key_;             // the key last read (null: none)
  std::vector<Version> versions_;
  std::string error_;
  double next_poll_ = 0;
  std::vector<Json> recent_keys_;  // written here, newest last
  std::string put_region_, put_text_, put_error_, put_result_;
  int puts_ = 0;
};

}  // namespace ddb::app::gt
