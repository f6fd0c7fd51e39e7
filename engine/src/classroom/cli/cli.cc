// The AWS CLI notation of requests: JSON request -> `aws dynamodb ...` command, a typed command
// line -> (operation, JSON body), and the session export as a shell script.
// Index:
//   [SECTION] Names
//   [SECTION] Shell words
//   [SECTION] JSON -> command
//   [SECTION] Command -> JSON
//   [SECTION] Script
#include "ddb/cli.h"

#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

namespace ddb::cli {

using ojson = nlohmann::ordered_json;

// [SECTION] Names ------------------------------------------------------------------------------------

std::string KebabCase(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    if (upper && i > 0) {
      const char prev = s[i - 1];
      const bool prev_lower_or_digit =
          std::islower(static_cast<unsigned char>(prev)) != 0 || std::isdigit(static_cast<unsigned char>(prev)) != 0;
      const bool prev_upper = std::isupper(static_cast<unsigned char>(prev)) != 0;
      const bool next_lower = i + 1 < s.size() && std::islower(static_cast<unsigned char>(s[i + 1])) != 0;
      if (prev_lower_or_digit || (prev_upper && next_lower)) out += '-';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string PascalCase(std::string_view kebab) {
  // Words DynamoDB's API spells as acronyms in its member names.
  static const std::set<std::string, std::less<>> kAcronyms = {"sse", "kms", "ttl", "arn", "pitr"};
  std::string out;
  size_t start = 0;
  while (start <= kebab.size()) {
    size_t dash = kebab.find('-', start);
    if (dash == std::string_view::npos) dash = kebab.size();
    std::string_view word = kebab.substr(start, dash - start);
    if (kAcronyms.count(word) != 0 && !(word == "arn" && !out.empty())) {
      for (char c : word) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      out.append(word.substr(1));
    }
    start = dash + 1;
  }
  return out;
}

const char* CliService(std::string_view operation) {
  if (operation.substr(0, 7) == "backup.") return "backup";
  if (operation.substr(0, 3) == "s3.") return "s3api";  // S3's API commands (`aws s3` is the file-style layer)
  if (operation.substr(0, 14) == "Logs_20140328.") return "logs";
  if (operation == "ListStreams" || operation == "DescribeStream" || operation == "GetShardIterator" ||
      operation == "GetRecords") {
    return "dynamodbstreams";
  }
  return "dynamodb";
}

// [SECTION] Shell words ------------------------------------------------------------------------------

std::string ShellQuote(std::string_view word) {
  if (word.empty()) return "''";
  bool safe = true;
  for (char c : word) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' || c == '/' ||
          c == ':' || c == '@' || c == '%' || c == '+' || c == ',' || c == '=')) {
      safe = false;
      break;
    }
  }
  if (safe) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

Result<std::vector<std::string>> ShellSplit(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '\\' && i + 1 < line.size() && (line[i + 1] == '\n' || line[i + 1] == '\r')) {
      i += 2;  // line continuation
      if (i < line.size() && line[i - 1] == '\r' && line[i] == '\n') ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      ++i;
      continue;
    }
    if (c == '#' && !in_word) {  // comment to the end of the line
      while (i < line.size() && line[i] != '\n') ++i;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      const size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) return Status::Validation("Unterminated single quote in the command line");
      word.append(line.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const char d = line[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < line.size() &&
            (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$' || line[i + 1] == '`')) {
          word += line[i + 1];
          i += 2;
          continue;
        }
        if (d == '\\' && i + 1 < line.size() && line[i + 1] == '\n') {
          i += 2;
          continue;
        }
        word += d;
        ++i;
      }
      if (!closed) return Status::Validation("Unterminated double quote in the command line");
    } else if (c == '\\') {
      if (i + 1 < line.size()) word += line[i + 1];
      i += 2;
    } else {
      word += c;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

// [SECTION] JSON -> command --------------------------------------------------------------------------

Result<std::string> ToCliCommand(std::string_view operation, std::string_view body_json, const CliOptions& options) {
  if (operation.substr(0, 15) == "SandboxControl.") {
    return "# " + std::string(operation) + " " + std::string(body_json) +
           "  (sandbox only: no AWS CLI equivalent; on AWS, time just passes)";
  }
  ojson body = ojson::parse(body_json.empty() ? std::string_view("{}") : body_json, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return Status::Validation("The request body is not a JSON object");

  std::string out = "aws ";
  out += CliService(operation);
  out += ' ';
  // A REST service's operation comes as "<service>.<Operation>" ("backup.StartCopyJob").
  const size_t dot = operation.find('.');
  out += KebabCase(dot == std::string_view::npos ? operation : operation.substr(dot + 1));
  const char* sep = options.multiline ? " \\\n    " : " ";
  auto emit = [&](const std::string& key, const ojson& value) {
    const std::string flag = "--" + KebabCase(key);
    if (value.is_boolean()) {
      out += sep;
      out += value.get<bool>() ? flag : "--no-" + flag.substr(2);
      return;
    }
    out += sep;
    out += flag;
    out += ' ';
    if (value.is_string()) {
      out += ShellQuote(value.get<std::string>());
    } else if (value.is_number()) {
      out += value.dump();
    } else {
      out += ShellQuote(value.dump());
    }
  };
  if (body.contains("TableName")) emit("TableName", body["TableName"]);
  const bool s3 = std::string_view(CliService(operation)) == "s3api";
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() == "TableName" || it.value().is_null()) continue;
    if (s3 && (it.key() == "Body" || it.key() == "BodyBase64")) {
      // `aws s3api put-object --body` takes a file: name the one the learner would upload.
      const std::string key = body.contains("Key") && body["Key"].is_string() ? body["Key"].get<std::string>() : "file";
      emit("Body", key.substr(key.rfind('/') == std::string::npos ? 0 : key.rfind('/') + 1));
      continue;
    }
    emit(it.key(), it.value());
  }
  if (!options.region.empty()) {  // last, so the command reads as the operation's own first
    out += sep;
    out += "--region " + ShellQuote(options.region);
  }
  return out;
}

// [SECTION] Command -> JSON --------------------------------------------------------------------------

namespace {

// Global AWS CLI options: those taking a value, and flags without one.
const std::set<std::string, std::less<>> kGlobalWithValue = {
    "--endpoint-url", "--region", "--profile", "--output", "--query", "--cli-read-timeout",
    "--cli-connect-timeout", "--ca-bundle", "--color", "--cli-binary-format"};
const std::set<std::string, std::less<>> kGlobalFlags = {
    "--no-cli-pager", "--no-verify-ssl", "--no-paginate", "--debug", "--no-sign-request", "--cli-auto-prompt",
    "--no-cli-auto-prompt"};

// Top-level members whose shorthand value is a list (one structure per word).
const std::set<std::string, std::less<>> kListMembers = {
    "AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "AttributesToGet",
    "Tags", "TagKeys", "GlobalSecondaryIndexUpdates", "ReplicaUpdates"};
// Top-level members that are numbers when written bare.
const std::set<std::string, std::less<>> kNumberMembers = {"Limit", "Segment", "TotalSegments",
                                                            "RecoveryPeriodInDays"};

ojson ShorthandScalar(std::string_view key, const std::string& text) {
  static const std::set<std::string, std::less<>> kNumericKeys = {"ReadCapacityUnits", "WriteCapacityUnits",
                                                                   "MaxReadRequestUnits", "MaxWriteRequestUnits"};
  if (text == "true") return true;
  if (text == "false") return false;
  if (kNumericKeys.count(key) != 0) {
    char* end = nullptr;
    const long long n = std::strtoll(text.c_str(), &end, 10);
    if (end != text.c_str() && *end == '\0') return n;
  }
  return text;
}

// `A=x,B=y` -> {"A":"x","B":"y"}; a bare word without '=' stays a string.
ojson ParseShorthandStruct(const std::string& word) {
  if (word.find('=') == std::string::npos) return word;
  ojson obj = ojson::object();
  size_t start = 0;
  while (start <= word.size()) {
    size_t comma = word.find(',', start);
    if (comma == std::string::npos) comma = word.size();
    const std::string pair = word.substr(start, comma - start);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos) {
      const std::string key = pair.substr(0, eq);
      obj[key] = ShorthandScalar(key, pair.substr(eq + 1));
    }
    start = comma + 1;
  }
  return obj;
}

}  // namespace

Result<ParsedCommand> ParseCliCommand(std::string_view command_line) {
  DDB_ASSIGN_OR_RETURN(std::vector<std::string> words, ShellSplit(command_line));
  size_t i = 0;
  if (i < words.size() && words[i] == "$") ++i;  // a pasted prompt
  if (i >= words.size() || words[i] != "aws") {
    return Status::Validation("Expected 'aws dynamodb <command> [options]'");
  }
  ++i;
  // Global options may come before the service name (--region is kept: the sandbox has Regions).
  std::string region;
  while (i < words.size() && words[i].rfind("--", 0) == 0) {
    if (words[i] == "--region" && i + 1 < words.size()) region = words[i + 1];
    if (kGlobalWithValue.count(words[i]) != 0) i += 2;
    else ++i;
  }
  if (i >= words.size() || (words[i] != "dynamodb" && words[i] != "dynamodbstreams")) {
    return Status::Validation("Expected 'aws dynamodb <command> [options]'");
  }
  ++i;
  if (i >= words.size() || words[i].rfind("--", 0) == 0) {
    return Status::Validation("Missing the command after 'aws dynamodb' (for example put-item)");
  }
  ParsedCommand parsed;
  parsed.region = std::move(region);
  parsed.operation = PascalCase(words[i]);
  ++i;

  ojson body = ojson::object();
  while (i < words.size()) {
    const std::string& flag = words[i];
    if (flag.rfind("--", 0) != 0) {
      return Status::Validation("Unexpected word '" + flag + "': options start with --");
    }
    ++i;
    if (kGlobalFlags.count(flag) != 0) continue;
    if (kGlobalWithValue.count(flag) != 0) {
      if (flag == "--region" && i < words.size()) parsed.region = words[i];
      ++i;
      continue;
    }
    // Values: every word up to the next option.
    std::vector<std::string> values;
    while (i < words.size() && words[i].rfind("--", 0) != 0) values.push_back(words[i++]);
    if (flag == "--cli-input-json") {
      if (values.size() != 1) return Status::Validation("--cli-input-json takes one JSON document");
      ojson doc = ojson::parse(values[0], nullptr, false);
      if (doc.is_discarded() || !doc.is_object()) return Status::Validation("Invalid JSON for --cli-input-json");
      for (auto it = doc.begin(); it != doc.end(); ++it) body[it.key()] = it.value();
      continue;
    }
    if (values.empty()) {  // --flag / --no-flag
      if (flag.rfind("--no-", 0) == 0) {
        body[PascalCase(flag.substr(5))] = false;
      } else {
        body[PascalCase(flag.substr(2))] = true;
      }
      continue;
    }
    const std::string member = PascalCase(flag.substr(2));
    const bool list = kListMembers.count(member) != 0;
    ojson value;
    if (values.size() == 1 && !values[0].empty() && (values[0].front() == '{' || values[0].front() == '[')) {
      value = ojson::parse(values[0], nullptr, false);
      if (value.is_discarded()) {
        return Status::Validation("Invalid JSON for " + flag + ": " + values[0].substr(0, 60));
      }
    } else if (list) {
      value = ojson::array();
      for (const std::string& v : values) value.push_back(ParseShorthandStruct(v));
    } else if (values.size() == 1) {
      const std::string& v = values[0];
      if (kNumberMembers.count(member) != 0) {
        char* end = nullptr;
        const long long n = std::strtoll(v.c_str(), &end, 10);
        if (end == v.c_str() || *end != '\0') return Status::Validation("Invalid integer for " + flag + ": " + v);
        value = n;
      } else if (v.find('=') != std::string::npos && member != "KeyConditionExpression" &&
                 member != "FilterExpression" && member != "ConditionExpression" &&
                 member != "UpdateExpression" && member != "ProjectionExpression" && member != "Statement") {
        value = ParseShorthandStruct(v);
      } else {
        value = v;
      }
    } else {
      return Status::Validation("Option " + flag + " takes one value, got " + std::to_string(values.size()));
    }
    body[member] = std::move(value);
  }
  parsed.body = body.dump();
  return parsed;
}

// [SECTION] Script -----------------------------------------------------------------------------------

std::string ToShellScript(const std::vector<ScriptEntry>& entries) {
  std::string out =
      "#!/bin/sh\n"
      "# Exported from DynamoDB Sandbox: the session's requests as AWS CLI commands, in order.\n"
      "# Run against AWS with your usual credentials and region, or against a local endpoint with\n"
      "#   AWS_ENDPOINT_URL=http://127.0.0.1:8000 sh session.sh   (AWS CLI >= 2.13; older: add --endpoint-url)\n"
      "set -e\n\n";
  for (const ScriptEntry& e : entries) {
    if (!e.comment.empty()) out += "# " + e.comment + "\n";
    Result<std::string> cmd = ToCliCommand(e.operation, e.body, CliOptions{true, e.region});
    if (cmd.ok()) {
      out += *cmd + "\n\n";
    } else {
      out += "# " + e.operation + ": " + cmd.status().message() + "\n\n";
    }
  }
  return out;
}

}  // namespace ddb::cli
