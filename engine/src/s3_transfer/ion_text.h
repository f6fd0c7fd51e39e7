// Amazon Ion text, the subset DynamoDB's exports write and its imports read: one
// `$ion_1_0 {Item:{...}}` per line. Types: S as string, N as decimal (103., 1.5, 2d-3), B as blob
// {{base64}}, BOOL as bool, NULL as null, M as struct, L as list, SS / NS / BS as lists annotated
// $dynamodb_SS / $dynamodb_NS / $dynamodb_BS. Field names are symbols, quoted ('a b') when they are not
// identifiers. Spec: https://amazon-ion.github.io/ion-docs/docs/spec.html (text encoding); export
// layout: DynamoDB developer guide, "DynamoDB table export output format".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/attribute_value.h"
#include "ddb/status.h"

namespace ddb::s3_transfer {

// Appends the value's Ion text.
void AppendIonValue(const AttributeValue& v, std::string* out);
// Appends a struct of the item's attributes ({Id:103.,Title:"Book"}).
void AppendIonStruct(const AttributeValue::Map& item, std::string* out);

// One top-level value read from Ion text: the struct's members as DynamoDB values. The reader
// takes the whole text (several top-level values, version markers, comments) and gives each
// top-level struct in turn.
class IonReader {
 public:
  explicit IonReader(std::string_view text) : text_(text) {}
  // The next top-level struct's fields, or false at the end. Errors: ValidationException saying
  // what is wrong and where (line:column), for text that is not Ion, or Ion this subset does not
  // map to DynamoDB (timestamps, clobs, an annotation other than $dynamodb_SS/NS/BS, a number
  // DynamoDB cannot hold, a top-level value that is not a struct).
  Result<bool> Next(AttributeValue::Map* fields);
  // 1-based line of the reader's position (for error logs).
  int line() const;

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace ddb::s3_transfer
