// Status: the wire names, __type prefixes and HTTP statuses of DynamoDB's error types.
// Sources for the prefixes: architect/dynalite (index.js, validations/index.js, test/helpers.js),
// whose bodies were captured from the real service:
//   ValidationException                 -> "com.amazon.coral.validate#"
//   SerializationException, UnknownOperationException,
//   MissingAuthenticationTokenException -> "com.amazon.coral.service#"
//   ThrottlingException                 -> "com.amazon.coral.availability#" (control-plane rate limit;
//                                          dynalite test/helpers.js and Scylla's tests retry on it)
//   everything else                     -> "com.amazonaws.dynamodb.v20120810#"
#include "ddb/status.h"

namespace ddb {

const char* ErrorTypeName(ErrorType type) {
  switch (type) {
    case ErrorType::kValidation: return "ValidationException";
    case ErrorType::kResourceNotFound: return "ResourceNotFoundException";
    case ErrorType::kResourceInUse: return "ResourceInUseException";
    case ErrorType::kConditionalCheckFailed: return "ConditionalCheckFailedException";
    case ErrorType::kTransactionCanceled: return "TransactionCanceledException";
    case ErrorType::kTransactionInProgress: return "TransactionInProgressException";
    case ErrorType::kIdempotentParameterMismatch: return "IdempotentParameterMismatchException";
    case ErrorType::kProvisionedThroughputExceeded: return "ProvisionedThroughputExceededException";
    case ErrorType::kThrottling: return "ThrottlingException";
    case ErrorType::kRequestLimitExceeded: return "RequestLimitExceeded";
    case ErrorType::kLimitExceeded: return "LimitExceededException";
    case ErrorType::kItemCollectionSizeLimitExceeded: return "ItemCollectionSizeLimitExceededException";
    case ErrorType::kSerialization: return "SerializationException";
    case ErrorType::kUnknownOperation: return "UnknownOperationException";
    case ErrorType::kMissingAuthenticationToken: return "MissingAuthenticationTokenException";
    case ErrorType::kTrimmedDataAccess: return "TrimmedDataAccessException";
    case ErrorType::kExpiredIterator: return "ExpiredIteratorException";
    case ErrorType::kTableNotFound: return "TableNotFoundException";
    case ErrorType::kTableAlreadyExists: return "TableAlreadyExistsException";
    case ErrorType::kTableInUse: return "TableInUseException";
    case ErrorType::kBackupNotFound: return "BackupNotFoundException";
    case ErrorType::kBackupInUse: return "BackupInUseException";
    case ErrorType::kPointInTimeRecoveryUnavailable: return "PointInTimeRecoveryUnavailableException";
    case ErrorType::kInvalidRestoreTime: return "InvalidRestoreTimeException";
    case ErrorType::kContinuousBackupsUnavailable: return "ContinuousBackupsUnavailableException";
    case ErrorType::kDuplicateItem: return "DuplicateItemException";
    case ErrorType::kInvalidSignature: return "InvalidSignatureException";
    case ErrorType::kInternalServer: return "InternalServerError";
    case ErrorType::kServiceUnavailable: return "ServiceUnavailable";
    case ErrorType::kGlobalTableAlreadyExists: return "GlobalTableAlreadyExistsException";
    case ErrorType::kGlobalTableNotFound: return "GlobalTableNotFoundException";
    case ErrorType::kReplicaAlreadyExists: return "ReplicaAlreadyExistsException";
    case ErrorType::kReplicaNotFound: return "ReplicaNotFoundException";
    case ErrorType::kReplicatedWriteConflict: return "ReplicatedWriteConflictException";
    case ErrorType::kInvalidParameterValue: return "InvalidParameterValueException";
    case ErrorType::kMissingParameterValue: return "MissingParameterValueException";
    case ErrorType::kInvalidRequest: return "InvalidRequestException";
    case ErrorType::kAlreadyExists: return "AlreadyExistsException";
    case ErrorType::kInvalidExportTime: return "InvalidExportTimeException";
    case ErrorType::kExportConflict: return "ExportConflictException";
    case ErrorType::kExportNotFound: return "ExportNotFoundException";
    case ErrorType::kImportConflict: return "ImportConflictException";
    case ErrorType::kImportNotFound: return "ImportNotFoundException";
    case ErrorType::kInvalidParameter: return "InvalidParameterException";
    case ErrorType::kResourceAlreadyExists: return "ResourceAlreadyExistsException";
    case ErrorType::kNoSuchBucket: return "NoSuchBucket";
    case ErrorType::kNoSuchKey: return "NoSuchKey";
    case ErrorType::kNoSuchUpload: return "NoSuchUpload";
    case ErrorType::kBucketAlreadyOwnedByYou: return "BucketAlreadyOwnedByYou";
    case ErrorType::kBucketNotEmpty: return "BucketNotEmpty";
    case ErrorType::kInvalidBucketName: return "InvalidBucketName";
    case ErrorType::kKeyTooLong: return "KeyTooLongError";
    case ErrorType::kInvalidArgument: return "InvalidArgument";
    case ErrorType::kInvalidPart: return "InvalidPart";
    case ErrorType::kInvalidPartOrder: return "InvalidPartOrder";
    case ErrorType::kEntityTooSmall: return "EntityTooSmall";
    case ErrorType::kEntityTooLarge: return "EntityTooLarge";
    case ErrorType::kMalformedXml: return "MalformedXML";
    case ErrorType::kBadDigest: return "BadDigest";
    case ErrorType::kInvalidDigest: return "InvalidDigest";
    case ErrorType::kInvalidRange: return "InvalidRange";
    case ErrorType::kMethodNotAllowed: return "MethodNotAllowed";
    case ErrorType::kNotImplemented: return "NotImplemented";
  }
  return "InternalServerError";
}

const char* ErrorTypePrefix(ErrorType type) {
  switch (type) {
    case ErrorType::kValidation:
      return "com.amazon.coral.validate#";
    case ErrorType::kSerialization:
    case ErrorType::kUnknownOperation:
    case ErrorType::kMissingAuthenticationToken:
    case ErrorType::kInvalidSignature:
      return "com.amazon.coral.service#";
    case ErrorType::kThrottling:
    case ErrorType::kServiceUnavailable:
      return "com.amazon.coral.availability#";
    default:
      return "com.amazonaws.dynamodb.v20120810#";
  }
}

int ErrorHttpStatus(ErrorType type) {
  switch (type) {
    case ErrorType::kNoSuchBucket:
    case ErrorType::kNoSuchKey:
    case ErrorType::kNoSuchUpload:
      return 404;
    case ErrorType::kBucketAlreadyOwnedByYou:
    case ErrorType::kBucketNotEmpty:
      return 409;
    case ErrorType::kInvalidRange: return 416;
    case ErrorType::kMethodNotAllowed: return 405;
    case ErrorType::kNotImplemented: return 501;
    default: break;
  }
  if (type == ErrorType::kInternalServer) return 500;
  return type == ErrorType::kServiceUnavailable ? 503 : 400;
}

Status Status::ConditionalCheckFailed(std::shared_ptr<const Item> old_item) {
  Status s(ErrorType::kConditionalCheckFailed, "The conditional request failed");
  s.item_ = std::move(old_item);
  return s;
}

}  // namespace ddb
