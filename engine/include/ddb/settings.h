// SandboxSettings: the sandbox-wide knobs that make slow or hidden AWS behaviour visible (how long a
// table stays CREATING, how late a GSI sees a write, when TTL deletes, ...). One set per Sandbox,
// shared by every Region's engine; changed with SandboxControl.UpdateSettings, so a change is a
// request like any other (and shows in the API console).
#pragma once

#include <cstdint>

namespace ddb {

// How soon the TTL sweeper deletes an expired item (AWS: best effort, "within a few days").
enum class TtlDelayModel {
  kClassroom,  // a sweep every minute deletes what has expired: gone within a minute
  kRealistic,  // each expired item waits a seeded random delay of up to 48 hours
};

struct SandboxSettings {
  // CREATING -> ACTIVE and DELETING -> gone take this long on the virtual clock. Zero by default:
  // CreateTable still answers CREATING, and the next call sees ACTIVE (as after a short wait on AWS).
  int64_t table_create_delay_ms = 0;
  int64_t table_delete_delay_ms = 0;
  // A write reaches each global secondary index this long after it commits (eventual
  // consistency made visible); 0 applies it at once. Local secondary indexes are always immediate.
  int64_t gsi_propagation_delay_ms = 0;
  // How long UpdateTable's GSI creation spends backfilling before the index turns ACTIVE.
  int64_t gsi_backfill_delay_ms = 0;
  // DynamoDB Streams: a new stream is ENABLING, a disabled one DISABLING, for this long.
  int64_t stream_transition_delay_ms = 0;
  // A stream's open shard closes and hands over to a child shard after this long. AWS documents no
  // figure; community reports put it near 4 hours (aws-facts.md 2.2).
  int64_t stream_shard_rollover_ms = 4LL * 3600 * 1000;
  // Time to Live: ENABLING -> ENABLED and DISABLING -> DISABLED take this long; a second
  // UpdateTimeToLive inside the cool-down is rejected (AWS documents one hour).
  int64_t ttl_transition_delay_ms = 0;
  int64_t ttl_cooldown_ms = 3600LL * 1000;
  TtlDelayModel ttl_delay_model = TtlDelayModel::kClassroom;
  // A table restored from a backup or a point in time stays CREATING (RestoreInProgress) this long.
  // AWS documents no figure; community probes saw 1.5 to 13 minutes even for empty tables.
  int64_t restore_duration_ms = 0;
  // Item collection size limit of tables with a local secondary index (AWS: 10 GB, not adjustable).
  // A sandbox setting so a lesson can reach it.
  int64_t item_collection_size_limit_bytes = 10LL * 1024 * 1024 * 1024;
  // Global Tables (MREC): a change reaches another Region's replica this long after it commits,
  // plus or minus a seeded jitter (AWS: "usually a second or less"; pairs can be set apart with
  // SandboxControl.SetReplicationLatency). Never less than 1 ms; per-item order is always kept.
  int64_t replication_latency_ms = 1000;
  int64_t replication_jitter_ms = 250;
  // Global Tables (MRSC): a strongly consistent write returns once another Region has it, this long
  // after it commits; while it is confirmed, a write to the same item in a third Region fails with
  // ReplicatedWriteConflictException. [uncertain] AWS gives no figure: about a round trip between
  // Regions of one Region set.
  int64_t strong_write_latency_ms = 60;
  // A new replica stays CREATING while it backfills: this long plus 1 ms per existing item.
  int64_t replica_backfill_ms = 3000;
};

}  // namespace ddb
