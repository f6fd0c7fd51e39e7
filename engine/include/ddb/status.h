// Status and Result<T>: how every engine function reports a DynamoDB error.
// The engine never throws on user input; each failure carries the service's error type
// and the message text the real service sends (see ../shared/aws-facts.md §1.12).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ddb {

class AttributeValue;
using Item = std::map<std::string, AttributeValue, std::less<>>;

// Error types as the wire protocol names them (without the "com.amazonaws.dynamodb.v20120810#" prefix).
enum class ErrorType {
  kValidation,                      // ValidationException
  kResourceNotFound,                // ResourceNotFoundException
  kResourceInUse,                   // ResourceInUseException
  kConditionalCheckFailed,          // ConditionalCheckFailedException
  kTransactionCanceled,             // TransactionCanceledException
  kTransactionInProgress,           // TransactionInProgressException
  kIdempotentParameterMismatch,     // IdempotentParameterMismatchException
  kProvisionedThroughputExceeded,   // ProvisionedThroughputExceededException
  kThrottling,                      // ThrottlingException
  kRequestLimitExceeded,            // RequestLimitExceeded
  kLimitExceeded,                   // LimitExceededException
  kItemCollectionSizeLimitExceeded, // ItemCollectionSizeLimitExceededException
  kSerialization,                   // SerializationException
  kUnknownOperation,                // UnknownOperationException
  kMissingAuthenticationToken,      // MissingAuthenticationTokenException
  kTrimmedDataAccess,               // TrimmedDataAccessException
  kExpiredIterator,                 // ExpiredIteratorException
  kTableNotFound,                   // TableNotFoundException (restore / backups)
  kTableAlreadyExists,              // TableAlreadyExistsException
  kTableInUse,                      // TableInUseException
  kBackupNotFound,                  // BackupNotFoundException
  kBackupInUse,                     // BackupInUseException
  kPointInTimeRecoveryUnavailable,  // PointInTimeRecoveryUnavailableException
  kInvalidRestoreTime,              // InvalidRestoreTimeException
  kContinuousBackupsUnavailable,    // ContinuousBackupsUnavailableException
  kDuplicateItem,                   // DuplicateItemException (PartiQL INSERT of an existing key)
  kInvalidSignature,                // InvalidSignatureException (e.g. a credential scope naming no Region)
  kInternalServer,                  // InternalServerError (HTTP 500)
  kServiceUnavailable,              // ServiceUnavailable (HTTP 503): a Region the sandbox has taken down
  kGlobalTableAlreadyExists,        // GlobalTableAlreadyExistsException (legacy global tables)
  kGlobalTableNotFound,             // GlobalTableNotFoundException
  kReplicaAlreadyExists,            // ReplicaAlreadyExistsException
  kReplicaNotFound,                 // ReplicaNotFoundException
  kReplicatedWriteConflict,         // ReplicatedWriteConflictException (MRSC global tables)
  // AWS Backup (restJson1; aws_backup.h)
  kInvalidParameterValue,           // InvalidParameterValueException
  kMissingParameterValue,           // MissingParameterValueException
  kInvalidRequest,                  // InvalidRequestException
  kAlreadyExists,                   // AlreadyExistsException
  // DynamoDB's exports to and imports from S3 (s3_transfer.h)
  kInvalidExportTime,               // InvalidExportTimeException
  kExportConflict,                  // ExportConflictException
  kExportNotFound,                  // ExportNotFoundException
  kImportConflict,                  // ImportConflictException
  kImportNotFound,                  // ImportNotFoundException
  // CloudWatch Logs (awsJson1_1; cloudwatch_logs.h)
  kInvalidParameter,                // InvalidParameterException
  kResourceAlreadyExists,           // ResourceAlreadyExistsException
  // S3 (REST XML; s3.h): the <Code> of S3's error document, HTTP status per code
  kNoSuchBucket,                    // NoSuchBucket (404)
  kNoSuchKey,                       // NoSuchKey (404)
  kNoSuchUpload,                    // NoSuchUpload (404)
  kBucketAlreadyOwnedByYou,         // BucketAlreadyOwnedByYou (409)
  kBucketNotEmpty,                  // BucketNotEmpty (409)
  kInvalidBucketName,               // InvalidBucketName (400)
  kKeyTooLong,                      // KeyTooLongError (400)
  kInvalidArgument,                 // InvalidArgument (400)
  kInvalidPart,                     // InvalidPart (400)
  kInvalidPartOrder,                // InvalidPartOrder (400)
  kEntityTooSmall,                  // EntityTooSmall (400)
  kEntityTooLarge,                  // EntityTooLarge (400)
  kMalformedXml,                    // MalformedXML (400)
  kBadDigest,                       // BadDigest (400)
  kInvalidDigest,                   // InvalidDigest (400)
  kInvalidRange,                    // InvalidRange (416)
  kMethodNotAllowed,                // MethodNotAllowed (405)
  kNotImplemented,                  // NotImplemented (501)
};

// "ValidationException", "InternalServerError", ...
const char* ErrorTypeName(ErrorType type);
// The wire __type prefix for the type ("com.amazonaws.dynamodb.v20120810#", or
// "com.amazon.coral.service#" / "com.amazon.coral.validate#" where AWS uses those).
const char* ErrorTypePrefix(ErrorType type);
// HTTP status for the type: 400 for client errors, 500 for InternalServerError, 503 for
// ServiceUnavailable; S3's codes their own (404 NoSuchKey, 409 BucketNotEmpty, ...).
int ErrorHttpStatus(ErrorType type);

// One entry of TransactionCanceledException.CancellationReasons.
struct CancellationReason {
  std::string code;                   // "None", "ConditionalCheckFailed", "ValidationError", ...
  std::string message;                // empty for "None"
  std::shared_ptr<const Item> item;   // ReturnValuesOnConditionCheckFailure = ALL_OLD
};

class Status {
 public:
  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status Error(ErrorType type, std::string message) { return Status(type, std::move(message)); }
  static Status Validation(std::string message) { return Status(ErrorType::kValidation, std::move(message)); }
  static Status NotFound(std::string message) { return Status(ErrorType::kResourceNotFound, std::move(message)); }
  static Status InUse(std::string message) { return Status(ErrorType::kResourceInUse, std::move(message)); }
  static Status Internal(std::string message) { return Status(ErrorType::kInternalServer, std::move(message)); }
  static Status ConditionalCheckFailed(std::shared_ptr<const Item> old_item = nullptr);

  bool ok() const { return !error_; }
  ErrorType type() const { return type_; }
  const std::string& message() const { return message_; }

  // Extra error payload some errors carry on the wire.
  const std::shared_ptr<const Item>& item() const { return item_; }             // ConditionalCheckFailed
  const std::vector<CancellationReason>& reasons() const { return reasons_; }   // TransactionCanceled
  Status& WithItem(std::shared_ptr<const Item> item) { item_ = std::move(item); return *this; }
  Status& WithReasons(std::vector<CancellationReason> r) { reasons_ = std::move(r); return *this; }

  // Which part of the request the error is about, for a form that shows the error next to that
  // field (never on the wire): a top-level request member ("TableName", "KeySchema",
  // "GlobalSecondaryIndexes", "KeyConditionExpression", ...) or an item attribute ("Item.Artist").
  // Empty when the error is about the request as a whole. The first field set wins.
  const std::string& field() const { return field_; }
  Status& WithField(std::string field) {
    if (field_.empty()) field_ = std::move(field);
    return *this;
  }
  // The same error (type, field, payload) with another message.
  Status Reworded(std::string message) const {
    Status s = *this;
    s.message_ = std::move(message);
    return s;
  }
  // "<parent>.<field>" (or just `parent` when no field is set): an error inside a request member.
  Status& PrefixField(std::string_view parent) {
    field_ = field_.empty() ? std::string(parent) : std::string(parent) + "." + field_;
    return *this;
  }

 private:
  Status(ErrorType type, std::string message) : error_(true), type_(type), message_(std::move(message)) {}
  bool error_ = false;
  ErrorType type_ = ErrorType::kInternalServer;
  std::string message_;
  std::shared_ptr<const Item> item_;
  std::vector<CancellationReason> reasons_;
  std::string field_;
};

// `s` with its field set when it is an error (see Status::field()).
inline Status AtField(Status s, std::string field) {
  if (!s.ok()) s.WithField(std::move(field));
  return s;
}

// Either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}      // NOLINT: REQUIRES: !status.ok()
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Status& status() const { return std::get<1>(v_); }
  Status&& take_status() { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace ddb

// Propagate a failed Status / Result from an expression.
#define DDB_RETURN_IF_ERROR(expr)                \
  do {                                           \
    ::ddb::Status _ddb_s = (expr);               \
    if (!_ddb_s.ok()) return _ddb_s;             \
  } while (0)

#define DDB_CONCAT_INNER(a, b) a##b
#define DDB_CONCAT(a, b) DDB_CONCAT_INNER(a, b)
#define DDB_ASSIGN_OR_RETURN(lhs, rexpr) DDB_ASSIGN_OR_RETURN_IMPL(DDB_CONCAT(_ddb_r_, __LINE__), lhs, rexpr)
#define DDB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.take_status();         \
  lhs = std::move(tmp).value()

// Programmer errors only (never user input), like IM_ASSERT.
#include <cassert>
#define DDB_ASSERT(cond) assert(cond)
