// The AWS CLI as a second notation for requests: a DynamoDB JSON request becomes the
// `aws dynamodb <op-in-kebab-case> --param-in-kebab-case '<json>'` command that does the same on a
// real AWS account, and a typed `aws dynamodb ...` command line (shell quoting, shorthand syntax,
// --cli-input-json) becomes (operation, JSON body) again. Also the conversion between DynamoDB JSON
// ({"S": "x"}) and plain JSON with type inference, as the SDKs' document clients do it.
// Pure functions, no engine state: the UI's API console and tests both use them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/status.h"

namespace ddb::cli {

// "PutItem" -> "put-item", "SSESpecification" -> "sse-specification" (botocore's xform_name rule:
// a dash before a capital that follows a lower-case letter or digit, or that starts a new word after
// an acronym).
std::string KebabCase(std::string_view pascal);
// "put-item" -> "PutItem", "sse-specification" -> "SSESpecification" (the acronyms DynamoDB's API
// uses are restored from a short list).
std::string PascalCase(std::string_view kebab);

// The CLI service of an operation: "dynamodbstreams" for ListStreams, DescribeStream,
// GetShardIterator and GetRecords; "backup" for AWS Backup's ("backup.StartCopyJob", the
// operation's input as the body: `aws backup start-copy-job --recovery-point-arn ...`); "dynamodb"
// for the rest.
const char* CliService(std::string_view operation);

// Quotes one word for a POSIX shell: unchanged when it holds only safe characters, else in single
// quotes with each ' written as '\''.
std::string ShellQuote(std::string_view word);
// Splits a command line as a POSIX shell would (single and double quotes, backslash escapes,
// backslash-newline continuations, # comments at a word start). Errors: InvalidArgument-style
// Status::Validation("Unterminated quote ...").
Result<std::vector<std::string>> ShellSplit(std::string_view line);

struct CliOptions {
  bool multiline = false;  // one parameter per line with " \\\n  " continuations
  std::string region;      // written as --region <region> when set (the sandbox's Region of the request)
};

// The equivalent AWS CLI command of a request. Top-level members become --kebab-case options in
// the body's order (TableName first); strings and numbers are written bare (quoted when needed),
// booleans as --flag / --no-flag, objects and arrays as compact JSON in single quotes.
// Errors: Validation when body is not a JSON object. Sandbox-only targets (SandboxControl.*) have
// no CLI equivalent: the result is a shell comment line saying so.
Result<std::string> ToCliCommand(std::string_view operation, std::string_view body_json,
                                 const CliOptions& options = {});

struct ParsedCommand {
  std::string operation;  // "PutItem"
  std::string body;       // the request as compact JSON text
  std::string region;     // --region, when the command names one
};

// Parses `aws dynamodb put-item --table-name T --item '{...}'` (or `dynamodbstreams`). Accepts
// JSON values, the CLI's shorthand (`AttributeName=Id,AttributeType=S`, several words for a list),
// --flag / --no-flag booleans, --cli-input-json, and skips global options (--endpoint-url,
// --region, --profile, --output, --no-cli-pager, ...). Errors: Validation with a message naming
// the problem ("Expected 'aws dynamodb <command>'", "Unknown option ...", "Invalid JSON for ...").
Result<ParsedCommand> ParseCliCommand(std::string_view command_line);

// A runnable shell script of the commands, in order, with a header explaining how to point it at
// a real account or a local endpoint.
struct ScriptEntry {
  std::string operation;
  std::string body;
  std::string comment;  // optional, written as "# comment" above the command
  std::string region;   // optional, written as --region
};
std::string ToShellScript(const std::vector<ScriptEntry>& entries);

// [SECTION] DynamoDB JSON <-> plain JSON -----------------------------------------------------------
// Plain JSON -> DynamoDB JSON with type inference: string -> S, number -> N, true/false -> BOOL,
// null -> NULL, object -> M, array -> L. Errors: Validation when the text is not a JSON object.
Result<std::string> PlainToDynamoJson(std::string_view plain_item_json);
// DynamoDB JSON -> plain JSON: N becomes a JSON number when it round-trips exactly (else a string),
// sets become arrays, B stays its base64 string. Errors: Validation for malformed attribute values.
Result<std::string> DynamoToPlainJson(std::string_view dynamo_item_json);

}  // namespace ddb::cli
