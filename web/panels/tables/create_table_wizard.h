// The create-table wizard: a window whose form (WizardForm: keys, billing mode and throughput, GSIs
// and LSIs with projections, stream, TTL) builds a CreateTable request, dry-runs it through
// ctx.Validate as the user types, and shows DynamoDB's own error next to the field it concerns.
// Create sends the request (then UpdateTimeToLive when a TTL attribute is given).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ddb {
struct JsonResponse;
namespace app {
class AppContext;
}
}  // namespace ddb

namespace ddb::app::tables {

// [SECTION] Form model ---------------------------------------------------------------------------------

// One more attribute of a GSI's partition or sort key (multi-attribute keys: up to 4 + 4,
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.MultiAttributeKeys).
struct KeyPartForm {
  std::string name;
  int type = 0;
};
inline constexpr size_t kMaxGsiKeyParts = 4;

struct IndexForm {
  std::string name;
  std::string pk = "";      // GSIs only (LSIs share the table's partition key)
  int pk_type = 0;
  std::string sk;
  int sk_type = 0;
  std::vector<KeyPartForm> more_pks, more_sks;  // GSIs only: the 2nd..4th HASH / RANGE attributes
  int projection = 0;
  std::string non_key;      // comma separated, for INCLUDE
  int rcu = 5, wcu = 5;     // GSIs on provisioned tables
};

struct WizardForm {
  std::string name;
  std::string pk;
  int pk_type = 0;
  bool has_sk = false;
  std::string sk;
  int sk_type = 0;
  bool provisioned = false;
  int rcu = 5, wcu = 5;
  std::vector<IndexForm> gsis;
  std::vector<IndexForm> lsis;
  // Streams and TTL (issue 8): StreamSpecification on CreateTable; TTL is set by UpdateTimeToLive
  // right after the table is created (CreateTable has no TTL member).
  bool stream = false;
  int stream_view = 0;        // index into kStreamViewTypes
  std::string ttl_attribute;  // empty: no TTL
};

// The CreateTable request the form describes, as JSON text (no validation here: DynamoDB's is the
// one shown).
std::string BuildCreateTable(const WizardForm& f);

// Which wizard field an error is about: the request member the engine names (Status::field(),
// JsonResponse::error_field); kGeneral for any other.
enum class Field { kGeneral, kName, kKeys, kBilling, kGsi, kLsi };
inline constexpr int kFieldCount = 6;
Field FieldOf(const std::string& member);

// [SECTION] Window -------------------------------------------------------------------------------------

class CreateTableWizard {
 public:
  // Opens the window (or brings it to the front) with the keyboard in the table name.
  void Open();

  // Draws the window while it is open ("Create table"). Returns the name of the table Create made
  // this frame (the window closes and the form starts over); nullopt otherwise.
  std::optional<std::string> Draw(AppContext& ctx);

  bool open() const { return open_; }
  // DynamoDB's error about `field` from the last dry run or Create ("" when none).
  const std::string& error(Field field) const { return errors_[static_cast<int>(field)]; }

 private:
  void DrawIndexes(AppContext& ctx, std::vector<IndexForm>& list, bool global);
  void DrawKeyParts(AppContext& ctx, std::vector<KeyPartForm>& parts, size_t index, const char* tag, const char* what);
  // Files the response's error under the field it names; clears them all when it succeeded.
  void SetErrors(const JsonResponse& r);

  WizardForm form_;
  bool open_ = false;
  bool focus_ = false;
  std::string dry_body_;  // the request last dry-run
  std::string errors_[kFieldCount];  // indexed by Field
};

}  // namespace ddb::app::tables
