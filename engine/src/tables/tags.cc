// Tags on tables: TagResource, UntagResource, ListTagsOfResource (at most 50 tags a table).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
#include <algorithm>

#include "engine_internal.h"
#include "table.h"
#include "tables/schema_rules.h"

namespace ddb {

namespace {

std::string TableNameFromArn(std::string_view arn, std::string_view prefix) {
  if (arn.substr(0, prefix.size()) != prefix) return {};
  return std::string(arn.substr(prefix.size()));
}

// The table a tagging call names. AWS (ScyllaDB Alternator test_tag.py, checked against it): a
// string not starting "arn:" is refused with "ARNs must start with 'arn:'"; an ARN that is not a
// table's (an index ARN, a malformed one) with "Invalid TableArn: Invalid ResourceArn provided as
// input <arn>"; a well-formed ARN of a missing table is ResourceNotFoundException.
Result<Table*> TaggedTable(Engine& e, std::string_view arn) {
  const std::string a(arn);
  if (a.rfind("arn:", 0) != 0) return Status::Validation("Invalid ResourceArn provided as input " + a + ": ARNs must start with 'arn:'");
  const std::string name = TableNameFromArn(arn, e.TableArn(""));
  const bool well_formed = a.rfind("arn:aws:dynamodb:", 0) == 0 && a.find(":table/") != std::string::npos &&
                           (name.empty() || tables::ValidTableName(name)) && a.find("/index/") == std::string::npos;
  if (!well_formed) return Status::Validation("Invalid TableArn: Invalid ResourceArn provided as input " + a);
  Table* t = FindMutableTable(e, name);
  if (!t) return Status::NotFound("Requested resource not found: ResourcArn: " + a + " not found");
  return t;
}

}  // namespace

Status Engine::TagResource(std::string_view resource_arn, const std::vector<Tag>& tags) {
  clock().RunDue();
  DDB_ASSIGN_OR_RETURN(Table * t, TaggedTable(*this, resource_arn));
  if (tags.empty()) return Status::Validation("Atleast one Tag needs to be provided as Input.");
  std::vector<Tag> next = t->tags;
  for (const auto& tag : tags) {
    auto it = std::find_if(next.begin(), next.end(), [&](const Tag& x) { return x.key == tag.key; });
    if (it != next.end()) it->value = tag.value;
    else next.push_back(tag);
  }
  // A table holds at most 50 tags; over that the whole request is refused (ValidationException).
  if (next.size() > 50) return Status::Validation("Number of Tags exceed the current limit for the provided ResourceArn");
  t->tags = std::move(next);
  return Status::OK();
}

Status Engine::UntagResource(std::string_view resource_arn, const std::vector<std::string>& keys) {
  clock().RunDue();
  DDB_ASSIGN_OR_RETURN(Table * t, TaggedTable(*this, resource_arn));
  if (keys.empty()) return Status::Validation("Atleast one Tag Key needs to be provided as Input.");
  t->tags.erase(std::remove_if(t->tags.begin(), t->tags.end(),
                               [&](const Tag& x) { return std::find(keys.begin(), keys.end(), x.key) != keys.end(); }),
                t->tags.end());
  return Status::OK();
}

Result<std::vector<Tag>> Engine::ListTagsOfResource(std::string_view resource_arn) {
  clock().RunDue();
  DDB_ASSIGN_OR_RETURN(Table * t, TaggedTable(*this, resource_arn));
  return t->tags;
}

}  // namespace ddb
