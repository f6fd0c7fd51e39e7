// PartiQL parser: statement text + Parameters -> Statement (ast.h). Grammar (DynamoDB's subset):
//   SELECT (* | path, ...) FROM "table"[."index"] [WHERE cond] [ORDER BY key [ASC|DESC], ...]
//   INSERT INTO "table" VALUE {'attr': value, ...}
//   UPDATE "table" (SET path = value [, ...] | REMOVE path [, ...])... [WHERE cond] [RETURNING (ALL|MODIFIED) (OLD|NEW) *]
//   DELETE FROM "table" [WHERE cond] [RETURNING ALL OLD *]
//   cond: OR / AND / NOT, = <> != < <= > >=, BETWEEN, IN (..) / IN [..], IS [NOT] MISSING|NULL,
//         begins_with() contains() attribute_type() attribute_exists() attribute_not_exists() size()
//   value: 'string', number, TRUE, FALSE, NULL, {..} maps, [..] lists, <<..>> sets, ?, paths a.b[1]
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html
#pragma once

#include <string_view>
#include <vector>

#include "ddb/attribute_value.h"
#include "ddb/status.h"
#include "partiql/ast.h"

namespace ddb::partiql {

// Errors (ValidationException): "Statement wasn't well formed, can't be processed: <detail>",
// "Aliasing is not supported", "Number of parameters in request and statement don't match.",
// number literal errors with " under root..." appended.
Result<Statement> Parse(std::string_view text, const std::vector<AttributeValue>& params);

}  // namespace ddb::partiql
