// Adding and removing replicas of a table: the "Add replica" wizard (a Region combo of
// KnownRegions() minus the replicas -> UpdateTable ReplicaUpdates [{Create: {RegionName}}]) and
// "Remove replica" (-> ReplicaUpdates [{Delete: {RegionName}}], asked first), and for a table that
// is not global yet the MRSC form: two more Regions of the table's Region set, the third a replica
// or a witness (-> MultiRegionConsistency STRONG, ReplicaUpdates Create, GlobalTableWitnessUpdates).
// All are logged requests, so the API console shows them with their AWS CLI line.
#pragma once

#include <string>

#include "panels/global_tables/replication_view.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::gt {

class ReplicaWizard {
 public:
  // Draws the add row and the replica list with Remove buttons. Returns true when a request was sent
  // (the panel re-reads the group at once).
  bool Draw(AppContext& ctx, const std::string& table, const ReplicationView& view);

  const std::string& error() const { return error_; }
  const std::string& candidate() const { return candidate_; }
  const std::string& strong_second() const { return second_; }

 private:
  bool Send(AppContext& ctx, const std::string& table, const char* action, const std::string& region,
            const std::string& send_to);
  // The MRSC form (a table that is not global yet). Returns true when the request was sent.
  bool DrawStrong(AppContext& ctx, const std::string& table);
  bool DrawRemoveWitness(AppContext& ctx, const std::string& table, const ReplicationView& view);

  bool strong_ = false;          // the consistency picked for a new global table
  bool third_is_witness_ = false;
  std::string second_;     // the MRSC form's second Region (a replica); the third follows
  std::string candidate_;  // the Region picked in the combo
  std::string removing_;   // the Region whose removal is being confirmed
  std::string error_;
};

}  // namespace ddb::app::gt
