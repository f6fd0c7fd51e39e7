// Parsing and validating one lesson, lab or glossary file. Every problem is reported as
// "<file>: <field>: <problem>" (e.g. "lessons/03-query-vs-scan.json: steps[2].check.assert[0].path:
// expected a JSON pointer starting with '/'"), all of them at once. Reading a folder of them and the
// rules across files: catalogue.cc.
#include <algorithm>
#include <cctype>
#include <set>

#include "ddb/iso_time.h"
#include "ddb/lessons.h"
#include "ddb/sandbox.h"

namespace ddb::lessons {
namespace {

// Collects problems for one file, with the field path of each.
class Validator {
 public:
  Validator(std::string_view file, std::vector<std::string>* errors) : file_(file), errors_(errors) {}
  void Error(const std::string& field, const std::string& problem) {
    errors_->push_back(file_ + ": " + (field.empty() ? std::string("(top level)") : field) + ": " + problem);
    ++count_;
  }
  int count() const { return count_; }

  static std::string Join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  }
  static std::string Index(const std::string& parent, size_t i) { return parent + "[" + std::to_string(i) + "]"; }

  // Field readers: report and return a fallback when the field is missing or has the wrong type.
  std::string String(const Json& obj, const std::string& parent, const char* key, bool required, bool non_empty = true) {
    const std::string field = Join(parent, key);
    if (!obj.contains(key)) {
      if (required) Error(field, "missing (expected a string)");
      return {};
    }
    const Json& v = obj.at(key);
    if (!v.is_string()) {
      Error(field, std::string("expected a string, found ") + v.type_name());
      return {};
    }
    std::string s = v.get<std::string>();
    if (non_empty && s.empty()) Error(field, "must not be empty");
    return s;
  }
  // A string, or an array of strings joined with newlines (long text reads better as lines).
  std::string Text(const Json& obj, const std::string& parent, const char* key, bool required) {
    const std::string field = Join(parent, key);
    if (!obj.contains(key)) {
      if (required) Error(field, "missing (expected a string or an array of lines)");
      return {};
    }
    const Json& v = obj.at(key);
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
      std::string out;
      for (size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string()) {
          Error(Index(field, i), std::string("expected a string, found ") + v[i].type_name());
          continue;
        }
        if (i) out += "\n";
        out += v[i].get<std::string>();
      }
      return out;
    }
    Error(field, std::string("expected a string or an array of lines, found ") + v.type_name());
    return {};
  }
  std::vector<std::string> Strings(const Json& obj, const std::string& parent, const char* key) {
    std::vector<std::string> out;
    const std::string field = Join(parent, key);
    if (!obj.contains(key)) return out;
    const Json& v = obj.at(key);
    if (!v.is_array()) {
      Error(field, std::string("expected an array of strings, found ") + v.type_name());
      return out;
    }
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i].is_string()) out.push_back(v[i].get<std::string>());
      else Error(Index(field, i), std::string("expected a string, found ") + v[i].type_name());
    }
    return out;
  }
  const Json* Array(const Json& obj, const std::string& parent, const char* key, bool required) {
    const std::string field = Join(parent, key);
    if (!obj.contains(key)) {
      if (required) Error(field, "missing (expected an array)");
      return nullptr;
    }
    if (!obj.at(key).is_array()) {
      Error(field, std::string("expected an array, found ") + obj.at(key).type_name());
      return nullptr;
    }
    return &obj.at(key);
  }
  bool IsObject(const Json& v, const std::string& field) {
    if (v.is_object()) return true;
    Error(field, std::string("expected an object, found ") + v.type_name());
    return false;
  }
  // Unknown keys are errors: a typo ("hint" for "hints") would otherwise vanish silently.
  void OnlyKeys(const Json& obj, const std::string& parent, std::initializer_list<const char*> keys) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find_if(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }) == keys.end()) {
        std::string known;
        for (const char* k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
        Error(Join(parent, it.key()), "unknown field (expected one of: " + known + ")");
      }
    }
  }

 private:
  std::string file_;
  std::vector<std::string>* errors_;
  int count_ = 0;
};

bool IsKnownOperation(const std::string& op) {
  if (op.rfind("Sandbox.", 0) == 0) return op == "Sandbox.CapacityHistory" || op == "Sandbox.Clock";
  if (op.rfind("SandboxControl.", 0) == 0 || op.rfind("DynamoDBStreams_20120810.", 0) == 0 ||
      op.rfind("DynamoDB_20120810.", 0) == 0 || op.rfind("SandboxLambda.", 0) == 0 || op.rfind("Kinesis_20131202.", 0) == 0 ||
      op.rfind("backup.", 0) == 0 ||  // AWS Backup by operation name (the router builds the REST request)
      op.rfind("s3.", 0) == 0 || op.rfind("Logs_20140328.", 0) == 0) {  // S3 likewise; CloudWatch Logs by target
    return true;  // checked by the engine when sent
  }
  const auto& ops = SupportedOperations();
  return std::find(ops.begin(), ops.end(), op) != ops.end();
}

void ParseRequest(Validator& v, const Json& j, const std::string& field, LessonRequest* out) {
  if (!v.IsObject(j, field)) return;
  v.OnlyKeys(j, field, {"operation", "body", "repeat", "region"});
  out->operation = v.String(j, field, "operation", true);
  if (!out->operation.empty() && !IsKnownOperation(out->operation)) {
    v.Error(Validator::Join(field, "operation"), "unknown operation '" + out->operation + "' (the engine does not implement it)");
  }
  if (j.contains("body")) {
    if (!j.at("body").is_object()) v.Error(Validator::Join(field, "body"), std::string("expected an object, found ") + j.at("body").type_name());
    else out->body = j.at("body");
  }
  if (j.contains("repeat")) {
    const Json& r = j.at("repeat");
    if (!r.is_number_integer() || r.get<int64_t>() < 1 || r.get<int64_t>() > 2000) {
      v.Error(Validator::Join(field, "repeat"), "expected an integer from 1 to 2000");
    } else {
      out->repeat = r.get<int>();
    }
  }
  if (j.contains("region")) {
    out->region = v.String(j, field, "region", false);
    if (!out->region.empty() && !IsKnownRegion(out->region)) {
      v.Error(Validator::Join(field, "region"),
              "unknown Region '" + out->region + "' (expected one of AWS's commercial Regions, e.g. us-east-1, eu-west-1)");
      out->region.clear();
    }
  }
}

std::vector<LessonRequest> ParseRequests(Validator& v, const Json& obj, const std::string& parent, const char* key,
                                         bool required) {
  std::vector<LessonRequest> out;
  const Json* arr = v.Array(obj, parent, key, required);
  if (!arr) return out;
  const std::string field = Validator::Join(parent, key);
  if (required && arr->empty()) v.Error(field, "must hold at least one request");
  for (size_t i = 0; i < arr->size(); ++i) {
    LessonRequest r;
    ParseRequest(v, (*arr)[i], Validator::Index(field, i), &r);
    out.push_back(std::move(r));
  }
  return out;
}

void ParseAssertion(Validator& v, const Json& j, const std::string& field, size_t request_count, Assertion* out) {
  if (!v.IsObject(j, field)) return;
  v.OnlyKeys(j, field, {"request", "path", "equals", "notEquals", "exists", "greaterThan", "lessThan", "errorType",
                        "count", "label"});
  if (j.contains("request")) {
    const Json& r = j.at("request");
    if (!r.is_number_integer() || r.get<int64_t>() < 0 || static_cast<size_t>(r.get<int64_t>()) >= request_count) {
      v.Error(Validator::Join(field, "request"),
              "expected an index into check.requests (0.." + std::to_string(request_count ? request_count - 1 : 0) + ")");
    } else {
      out->request = r.get<int>();
    }
  }
  out->label = v.String(j, field, "label", false);
  int kinds = 0;
  auto kind = [&](const char* key, AssertKind k) {
    if (!j.contains(key)) return false;
    ++kinds;
    out->kind = k;
    out->value = j.at(key);
    return true;
  };
  kind("equals", AssertKind::kEquals);
  kind("notEquals", AssertKind::kNotEquals);
  if (kind("exists", AssertKind::kExists)) {
    if (!out->value.is_boolean()) v.Error(Validator::Join(field, "exists"), "expected true or false");
    else if (!out->value.get<bool>()) out->kind = AssertKind::kNotExists;
  }
  for (const char* key : {"greaterThan", "lessThan"}) {
    if (kind(key, key[0] == 'g' ? AssertKind::kGreaterThan : AssertKind::kLessThan) && !out->value.is_number()) {
      v.Error(Validator::Join(field, key), "expected a number");
    }
  }
  if (kind("errorType", AssertKind::kErrorType) && !out->value.is_string()) {
    v.Error(Validator::Join(field, "errorType"), "expected an error type name such as \"ConditionalCheckFailedException\", or \"none\"");
  }
  if (kind("count", AssertKind::kCount)) {
    // "count": 3, or "count": {"op": ">=", "value": 3}
    if (out->value.is_number_integer()) {
      out->op = "==";
    } else if (out->value.is_object() && out->value.contains("value") && out->value.at("value").is_number_integer()) {
      static const char* kOpsAllowed[] = {"==", "!=", ">", ">=", "<", "<="};
      out->op = out->value.value("op", std::string("=="));
      if (std::none_of(std::begin(kOpsAllowed), std::end(kOpsAllowed), [&](const char* o) { return out->op == o; })) {
        v.Error(Validator::Join(field, "count.op"), "expected one of ==, !=, >, >=, <, <=");
      }
      out->value = out->value.at("value");
    } else {
      v.Error(Validator::Join(field, "count"), "expected an integer or {\"op\": \">=\", \"value\": 3}");
    }
  }
  if (kinds == 0) {
    v.Error(field, "needs one of: equals, notEquals, exists, greaterThan, lessThan, errorType, count");
  } else if (kinds > 1) {
    v.Error(field, "has more than one of: equals, notEquals, exists, greaterThan, lessThan, errorType, count");
  }
  const bool needs_path = out->kind != AssertKind::kErrorType;
  if (j.contains("path")) {
    out->path = v.String(j, field, "path", false, false);
    if (!out->path.empty() && out->path[0] != '/') {
      v.Error(Validator::Join(field, "path"), "expected a JSON pointer starting with '/'");
    } else if (!out->path.empty()) {
      // "~" must be followed by 0 or 1 (RFC 6901).
      for (size_t i = 0; i < out->path.size(); ++i) {
        if (out->path[i] == '~' && (i + 1 >= out->path.size() || (out->path[i + 1] != '0' && out->path[i + 1] != '1'))) {
          v.Error(Validator::Join(field, "path"), "'~' in a JSON pointer must be written ~0 (and '/' as ~1)");
          break;
        }
      }
    }
  } else if (needs_path && kinds == 1) {
    v.Error(Validator::Join(field, "path"), "missing (expected a JSON pointer such as \"/Table/TableStatus\")");
  }
}

void ParseStep(Validator& v, const Json& j, const std::string& field, bool concept_only, Step* out) {
  if (!v.IsObject(j, field)) return;
  v.OnlyKeys(j, field, {"id", "title", "text", "hints", "check", "solution"});
  out->id = v.String(j, field, "id", true);
  out->title = v.String(j, field, "title", true);
  out->text = v.Text(j, field, "text", true);
  out->hints = v.Strings(j, field, "hints");
  if (j.contains("check")) {
    const std::string cfield = Validator::Join(field, "check");
    const Json& c = j.at("check");
    if (concept_only) v.Error(cfield, "a concept-only lesson has no checks (it teaches features the sandbox lacks)");
    if (v.IsObject(c, cfield)) {
      v.OnlyKeys(c, cfield, {"requests", "assert"});
      Check check;
      check.requests = ParseRequests(v, c, cfield, "requests", true);
      const Json* arr = v.Array(c, cfield, "assert", true);
      if (arr) {
        if (arr->empty()) v.Error(Validator::Join(cfield, "assert"), "must hold at least one assertion");
        for (size_t i = 0; i < arr->size(); ++i) {
          Assertion a;
          ParseAssertion(v, (*arr)[i], Validator::Index(Validator::Join(cfield, "assert"), i), check.requests.size(), &a);
          check.assertions.push_back(std::move(a));
        }
      }
      out->check = std::move(check);
    }
  }
  out->solution = ParseRequests(v, j, field, "solution", false);
  if (out->check && out->solution.empty()) {
    v.Error(Validator::Join(field, "solution"), "a step with a check needs a solution (the \"show me\" requests)");
  }
}

void ParseQuestion(Validator& v, const Json& j, const std::string& field, QuizQuestion* out) {
  if (!v.IsObject(j, field)) return;
  v.OnlyKeys(j, field, {"id", "type", "prompt", "options", "steps"});
  out->id = v.String(j, field, "id", true);
  const std::string type = v.String(j, field, "type", true);
  if (type == "multiple") out->multiple = true;
  else if (!type.empty() && type != "single") v.Error(Validator::Join(field, "type"), "expected \"single\" or \"multiple\"");
  out->prompt = v.Text(j, field, "prompt", true);
  out->steps = v.Strings(j, field, "steps");
  const Json* arr = v.Array(j, field, "options", true);
  if (!arr) return;
  const std::string ofield = Validator::Join(field, "options");
  if (arr->size() < 2) v.Error(ofield, "needs at least two options");
  int correct = 0;
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string f = Validator::Index(ofield, i);
    const Json& o = (*arr)[i];
    QuizOption opt;
    if (v.IsObject(o, f)) {
      v.OnlyKeys(o, f, {"text", "correct", "explanation"});
      opt.text = v.String(o, f, "text", true);
      opt.explanation = v.String(o, f, "explanation", true);
      if (o.contains("correct")) {
        if (!o.at("correct").is_boolean()) v.Error(Validator::Join(f, "correct"), "expected true or false");
        else opt.correct = o.at("correct").get<bool>();
      }
    }
    correct += opt.correct ? 1 : 0;
    out->options.push_back(std::move(opt));
  }
  if (correct == 0) v.Error(ofield, "no option is marked \"correct\": true");
  if (!out->multiple && correct > 1) v.Error(ofield, "a \"single\" question has exactly one correct option (use \"multiple\")");
}

Json ParseJsonText(std::string_view file, std::string_view text, std::vector<std::string>* errors) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // The non-throwing parser gives no position: find the first bad byte with a throwing parse
    // when exceptions exist, else report the file as not being JSON.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
      const Json again = Json::parse(text.begin(), text.end());
      (void)again;
    } catch (const Json::parse_error& e) {
      errors->push_back(std::string(file) + ": (file): not valid JSON: " + e.what());
      return j;
    }
#endif
    errors->push_back(std::string(file) + ": (file): not valid JSON");
  } else if (!j.is_object()) {
    errors->push_back(std::string(file) + ": (top level): expected an object");
    j = Json(Json::value_t::discarded);
  }
  return j;
}

}  // namespace

// [SECTION] Parsers

bool ParseLesson(std::string_view file, std::string_view text, Lesson* out, std::vector<std::string>* errors) {
  const Json j = ParseJsonText(file, text, errors);
  if (j.is_discarded()) return false;
  Validator v(file, errors);
  v.OnlyKeys(j, "", {"schema", "id", "title", "domain", "minutes", "prerequisites", "conceptOnly", "summary", "steps",
                     "quiz"});
  if (j.contains("schema") && j.at("schema") != 1) v.Error("schema", "this sandbox reads lesson schema 1");
  out->file = std::string(file);
  out->id = v.String(j, "", "id", true);
  for (char c : out->id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) {
      v.Error("id", "use letters, digits, '-' and '_' only");
      break;
    }
  }
  out->title = v.String(j, "", "title", true);
  out->domain = v.String(j, "", "domain", true);
  out->summary = v.Text(j, "", "summary", false);
  if (!j.contains("minutes")) v.Error("minutes", "missing (expected the estimated minutes, 1..240)");
  else if (!j.at("minutes").is_number_integer() || j.at("minutes").get<int64_t>() < 1 || j.at("minutes").get<int64_t>() > 240)
    v.Error("minutes", "expected an integer from 1 to 240");
  else out->minutes = j.at("minutes").get<int>();
  out->prerequisites = v.Strings(j, "", "prerequisites");
  if (j.contains("conceptOnly")) {
    if (!j.at("conceptOnly").is_boolean()) v.Error("conceptOnly", "expected true or false");
    else out->concept_only = j.at("conceptOnly").get<bool>();
  }
  std::set<std::string> step_ids;
  if (const Json* steps = v.Array(j, "", "steps", true)) {
    if (steps->empty()) v.Error("steps", "a lesson needs at least one step");
    for (size_t i = 0; i < steps->size(); ++i) {
      Step s;
      ParseStep(v, (*steps)[i], Validator::Index("steps", i), out->concept_only, &s);
      if (!s.id.empty() && !step_ids.insert(s.id).second) {
        v.Error(Validator::Index("steps", i) + ".id", "another step already uses the id '" + s.id + "'");
      }
      out->steps.push_back(std::move(s));
    }
  }
  std::set<std::string> question_ids;
  if (const Json* quiz = v.Array(j, "", "quiz", false)) {
    for (size_t i = 0; i < quiz->size(); ++i) {
      QuizQuestion q;
      const std::string field = Validator::Index("quiz", i);
      ParseQuestion(v, (*quiz)[i], field, &q);
      if (!q.id.empty() && !question_ids.insert(q.id).second) {
        v.Error(field + ".id", "another question already uses the id '" + q.id + "'");
      }
      for (size_t k = 0; k < q.steps.size(); ++k) {
        if (!step_ids.count(q.steps[k])) {
          v.Error(field + ".steps[" + std::to_string(k) + "]", "no step has the id '" + q.steps[k] + "'");
        }
      }
      out->quiz.push_back(std::move(q));
    }
  }
  return v.count() == 0;
}

bool ParseLab(std::string_view file, std::string_view text, Lab* out, std::vector<std::string>* errors) {
  const Json j = ParseJsonText(file, text, errors);
  if (j.is_discarded()) return false;
  Validator v(file, errors);
  v.OnlyKeys(j, "", {"schema", "kind", "id", "title", "instructions", "lessons", "clock", "settings", "setup", "sandbox"});
  if (j.value("kind", std::string()) != "lab") v.Error("kind", "expected \"lab\"");
  out->file = std::string(file);
  out->id = v.String(j, "", "id", true);
  out->title = v.String(j, "", "title", true);
  out->instructions = v.Text(j, "", "instructions", false);
  out->lessons = v.Strings(j, "", "lessons");
  if (j.contains("clock")) {
    const Json& c = j.at("clock");
    std::optional<int64_t> ms;
    if (c.is_string()) ms = ParseIsoTime(c.get<std::string>());
    else if (c.is_number_integer()) ms = c.get<int64_t>();
    if (!ms) v.Error("clock", "expected an ISO-8601 UTC time such as \"2026-11-24T09:00:00Z\" or epoch milliseconds");
    out->clock_ms = ms;
  }
  if (j.contains("settings")) {
    if (!v.IsObject(j.at("settings"), "settings")) {
    } else {
      out->settings = j.at("settings");
      v.OnlyKeys(out->settings, "settings",
                 {"tableCreateDelayMs", "tableDeleteDelayMs", "gsiPropagationDelayMs", "gsiBackfillDelayMs",
                  "streamTransitionDelayMs", "ttlTransitionDelayMs", "clockRunning", "clockSpeed"});
      for (auto it = out->settings.begin(); it != out->settings.end(); ++it) {
        if (it.key() == "clockRunning") {
          if (!it.value().is_boolean()) v.Error("settings.clockRunning", "expected true or false");
        } else if (!it.value().is_number() || it.value().get<double>() < 0) {
          v.Error("settings." + it.key(), "expected a number >= 0");
        }
      }
    }
  }
  out->setup = ParseRequests(v, j, "", "setup", false);
  if (j.contains("sandbox")) {
    const Json& s = j.at("sandbox");
    if (v.IsObject(s, "sandbox")) {
      if (s.value("format", std::string()) != "ddb-sandbox/1") v.Error("sandbox.format", "expected \"ddb-sandbox/1\"");
      if (!s.contains("tables") || !s.at("tables").is_array()) v.Error("sandbox.tables", "expected an array");
      out->sandbox = s;
    }
  }
  return v.count() == 0;
}

bool ParseGlossary(std::string_view file, std::string_view text, std::vector<GlossaryTerm>* out,
                   std::vector<std::string>* errors) {
  const Json j = ParseJsonText(file, text, errors);
  if (j.is_discarded()) return false;
  Validator v(file, errors);
  v.OnlyKeys(j, "", {"schema", "terms"});
  if (const Json* terms = v.Array(j, "", "terms", true)) {
    for (size_t i = 0; i < terms->size(); ++i) {
      const std::string field = Validator::Index("terms", i);
      const Json& t = (*terms)[i];
      if (!v.IsObject(t, field)) continue;
      v.OnlyKeys(t, field, {"term", "definition", "lessons"});
      GlossaryTerm g;
      g.term = v.String(t, field, "term", true);
      g.definition = v.Text(t, field, "definition", true);
      g.lessons = v.Strings(t, field, "lessons");
      out->push_back(std::move(g));
    }
  }
  return v.count() == 0;
}

}  // namespace ddb::lessons
