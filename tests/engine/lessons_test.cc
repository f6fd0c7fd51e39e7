// The lesson runner (ddb/lessons.h) and the lessons/ content. Pins: every lesson file validates;
// every lesson's "show me" solution, run headless on a fresh engine, makes each check pass in order,
// and each check fails before its solution runs (so checks are not vacuous); every quiz question is
// answerable and explained; loader messages name file, field and problem; progress, reports and
// sandbox files round-trip. Runs natively and under node (NODERAWFS reads lessons/ from the source).
#include <set>
#include <string>

#include "test_util.h"

#include "ddb/iso_time.h"
#include "ddb/lessons.h"

using nlohmann::json;
using namespace ddb;
using namespace ddb::lessons;

namespace {

const Catalogue& Real() {
  static const Catalogue cat = LoadCatalogueFromDirectory(DDB_LESSONS_DIR);
  return cat;
}

std::string AllErrors(const Catalogue& cat) {
  std::string out;
  for (const BrokenFile& b : cat.broken)
    for (const std::string& e : b.errors) out += e + "\n";
  return out;
}

std::string Reasons(const CheckResult& r) {
  std::string out;
  for (const AssertionResult& a : r.assertions) out += (a.passed ? "  ok   " : "  FAIL ") + a.label + ": " + a.reason + "\n";
  return out;
}

// A minimal valid lesson, for the loader tests to break one field at a time.
json MinimalLesson() {
  return json::parse(R"({
    "schema": 1, "id": "x", "title": "X", "domain": "D", "minutes": 5,
    "steps": [{"id": "s1", "title": "S", "text": "t",
               "check": {"requests": [{"operation": "DescribeTable", "body": {"TableName": "T"}}],
                         "assert": [{"path": "/Table/TableName", "equals": "T"}]},
               "solution": [{"operation": "CreateTable", "body": {"TableName": "T",
                 "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}}]}],
    "quiz": [{"id": "q", "type": "single", "prompt": "P", "steps": ["s1"],
              "options": [{"text": "a", "correct": true, "explanation": "ea"}, {"text": "b", "explanation": "eb"}]}]
  })");
}

std::vector<std::string> Errors(const json& lesson, const std::string& file = "lessons/03-query-vs-scan.json") {
  Lesson out;
  std::vector<std::string> errors;
  ParseLesson(file, lesson.dump(), &out, &errors);
  return errors;
}

}  // namespace

TEST_SUITE("lessons") {

// The shipped content loads with no broken file, and covers the getting-started track.
TEST_CASE("every lesson file in lessons/ validates") {
  const Catalogue& cat = Real();
  INFO(AllErrors(cat));
  CHECK(cat.broken.empty());
  CHECK(cat.lessons.size() >= 9);
  CHECK(cat.glossary.size() >= 20);
  CHECK(cat.FindLab("getting-started") != nullptr);
  for (const char* id : {"01-tables-and-keys", "02-items-and-types", "03-query-vs-scan", "04-condition-and-update-expressions",
                         "05-capacity-and-throttling", "06-secondary-indexes", "07-transactions", "08-dax-vs-elasticache",
                         "09-beyond-the-sandbox"}) {
    CHECK_MESSAGE(cat.FindLesson(id) != nullptr, id);
  }
  for (const GlossaryTerm& t : cat.glossary)
    for (const std::string& l : t.lessons) CHECK_MESSAGE(cat.FindLesson(l) != nullptr, t.term << " -> " << l);
}

// The heart of it: lessons cannot rot as the engine changes. For every step with a check, the check
// fails on the state before the step's solution and passes right after it.
TEST_CASE("every lesson's solution passes its checks in order, and no check passes before its solution") {
  for (const Lesson& lesson : Real().lessons) {
    Sandbox engine_sandbox;
    for (const Step& step : lesson.steps) {
      INFO(lesson.file << " step " << step.id);
      if (step.check) {
        const CheckResult before = EvaluateCheck(SandboxSender(engine_sandbox), step);
        INFO("before the solution:\n" << Reasons(before));
        CHECK_FALSE(before.passed);
      }
      for (const RequestOutcome& o : RunSolution(SandboxSender(engine_sandbox), step)) CHECK(o.sent >= 1);
      const CheckResult after = EvaluateCheck(SandboxSender(engine_sandbox), step);
      INFO("after the solution:\n" << Reasons(after));
      CHECK(after.passed);
      CHECK(after.has_check == step.check.has_value());
    }
  }
}

// Concept-only lessons teach features the engine lacks: they must not carry checks.
TEST_CASE("concept-only lessons have no checks, the others have some") {
  for (const Lesson& lesson : Real().lessons) {
    int checks = 0;
    for (const Step& s : lesson.steps) checks += s.check ? 1 : 0;
    INFO(lesson.file);
    if (lesson.concept_only) CHECK(checks == 0);
    else CHECK(checks > 0);
  }
}

// Every question has a correct answer, an explanation per option, links to real steps, and
// scores as correct when answered with its correct options.
TEST_CASE("every quiz question is answerable and every option explained") {
  for (const Lesson& lesson : Real().lessons) {
    CHECK_MESSAGE(lesson.quiz.size() >= 3, lesson.file);
    QuizAnswers perfect;
    for (const QuizQuestion& q : lesson.quiz) {
      INFO(lesson.file << " question " << q.id);
      int correct = 0;
      for (size_t i = 0; i < q.options.size(); ++i) {
        CHECK_FALSE(q.options[i].explanation.empty());
        if (q.options[i].correct) {
          ++correct;
          perfect[q.id].push_back(static_cast<int>(i));
        }
      }
      CHECK(correct >= 1);
      if (!q.multiple) CHECK(correct == 1);
      CHECK_FALSE(q.steps.empty());
      for (const std::string& s : q.steps) CHECK(lesson.FindStep(s) != nullptr);
    }
    const QuizScore score = ScoreQuiz(lesson, perfect);
    CHECK(score.correct == score.total);
  }
}

TEST_CASE("quiz scoring: single needs exactly the right option, multiple the exact set") {
  Lesson l;
  QuizQuestion single{"s", false, "p", {{"a", true, "e"}, {"b", false, "e"}}, {}};
  QuizQuestion multi{"m", true, "p", {{"a", true, "e"}, {"b", true, "e"}, {"c", false, "e"}}, {}};
  l.quiz = {single, multi};
  CHECK(IsAnswerCorrect(single, {0}));
  CHECK_FALSE(IsAnswerCorrect(single, {0, 1}));
  CHECK_FALSE(IsAnswerCorrect(single, {1}));
  CHECK(IsAnswerCorrect(multi, {1, 0}));
  CHECK_FALSE(IsAnswerCorrect(multi, {0}));
  CHECK_FALSE(IsAnswerCorrect(multi, {0, 1, 2}));
  const QuizScore s = ScoreQuiz(l, {{"s", {0}}, {"m", {0}}});
  CHECK(s.total == 2);
  CHECK(s.correct == 1);
  CHECK(s.per_question.at("m") == false);
}

// Loader messages: "<file>: <field>: <problem>", every problem at once.
TEST_CASE("loader errors name file, field and problem") {
  json l = MinimalLesson();
  l["steps"][0]["check"]["assert"][0]["path"] = "Table/TableName";
  CHECK(Errors(l) == std::vector<std::string>{
                         "lessons/03-query-vs-scan.json: steps[0].check.assert[0].path: expected a JSON pointer starting with '/'"});

  l = MinimalLesson();
  l.erase("title");
  l["minutes"] = "ten";
  l["steps"][0]["hint"] = json::array();
  l["steps"][0]["check"]["requests"][0]["operation"] = "DescribeContributorInsights";
  const std::vector<std::string> e = Errors(l, "lessons/x.json");
  CHECK(std::count(e.begin(), e.end(), "lessons/x.json: title: missing (expected a string)") == 1);
  CHECK(std::count(e.begin(), e.end(), "lessons/x.json: minutes: expected an integer from 1 to 240") == 1);
  CHECK(std::count(e.begin(), e.end(), "lessons/x.json: steps[0].hint: unknown field (expected one of: id, title, text, hints, check, solution)") == 1);
  CHECK(std::count(e.begin(), e.end(), "lessons/x.json: steps[0].check.requests[0].operation: unknown operation 'DescribeContributorInsights' (the engine does not implement it)") == 1);

  l = MinimalLesson();
  l["quiz"][0]["options"][0]["correct"] = false;
  l["quiz"][0]["options"][1].erase("explanation");
  l["quiz"][0]["steps"] = {"nope"};
  const std::vector<std::string> q = Errors(l, "lessons/x.json");
  CHECK(std::count(q.begin(), q.end(), "lessons/x.json: quiz[0].options: no option is marked \"correct\": true") == 1);
  CHECK(std::count(q.begin(), q.end(), "lessons/x.json: quiz[0].options[1].explanation: missing (expected a string)") == 1);
  CHECK(std::count(q.begin(), q.end(), "lessons/x.json: quiz[0].steps[0]: no step has the id 'nope'") == 1);

  l = MinimalLesson();
  l["conceptOnly"] = true;
  CHECK(Errors(l, "lessons/x.json") == std::vector<std::string>{
                                          "lessons/x.json: steps[0].check: a concept-only lesson has no checks (it teaches features the sandbox lacks)"});
  l = MinimalLesson();
  l["steps"][0].erase("solution");
  CHECK(Errors(l, "lessons/x.json") == std::vector<std::string>{
                                          "lessons/x.json: steps[0].solution: a step with a check needs a solution (the \"show me\" requests)"});
  l = MinimalLesson();
  l["steps"][0]["check"]["assert"][0] = {{"path", "/a"}, {"equals", 1}, {"exists", true}};
  CHECK(Errors(l, "lessons/x.json") == std::vector<std::string>{
                                          "lessons/x.json: steps[0].check.assert[0]: has more than one of: equals, notEquals, exists, greaterThan, lessThan, errorType, count"});
}

// A request's "region" must name one of AWS's commercial Regions (ddb::IsKnownRegion): a typo would
// otherwise send the lesson's requests nowhere the learner can see.
TEST_CASE("loader: a request's region must be a known Region") {
  json l = MinimalLesson();
  l["steps"][0]["solution"][0]["region"] = "eu-west-1";
  l["steps"][0]["check"]["requests"][0]["region"] = "eu-west-1";
  CHECK(Errors(l, "lessons/x.json").empty());

  l["steps"][0]["solution"][0]["region"] = "eu-west-9";
  l["steps"][0]["check"]["requests"][0]["region"] = 1;
  const std::vector<std::string> e = Errors(l, "lessons/x.json");
  CHECK(std::count(e.begin(), e.end(),
                   "lessons/x.json: steps[0].solution[0].region: unknown Region 'eu-west-9' (expected one of AWS's "
                   "commercial Regions, e.g. us-east-1, eu-west-1)") == 1);
  CHECK(std::count(e.begin(), e.end(), "lessons/x.json: steps[0].check.requests[0].region: expected a string, found number") == 1);
  CHECK(e.size() == 2);
}

// A request with "region" goes to that Region, one without it to the runner's current Region (as
// before); a sender that only knows its own Region refuses a request for another one rather than
// sending it to the wrong Region.
TEST_CASE("a lesson request with a region goes to that Region") {
  Sandbox sandbox;
  const json create = json::parse(R"({"TableName": "Tbl", "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"})");
  const RequestOutcome made = SendLessonRequest(SandboxSender(sandbox), {"CreateTable", create, 1, "eu-west-1"});
  CHECK(made.response.ok());
  CHECK(made.region == "eu-west-1");
  CHECK(made.parsed["TableDescription"]["TableArn"] == "arn:aws:dynamodb:eu-west-1:123456789012:table/Tbl");
  REQUIRE(sandbox.FindRegion("eu-west-1") != nullptr);
  CHECK(sandbox.FindRegion("eu-west-1")->HasTable("Tbl"));
  CHECK(sandbox.FindRegion("us-east-1") == nullptr);

  Step step;
  step.check = Check{};
  step.check->requests = {{"DescribeTable", {{"TableName", "Tbl"}}, 1, "eu-west-1"}, {"DescribeTable", {{"TableName", "Tbl"}}, 1}};
  step.check->assertions = {{0, AssertKind::kEquals, "/Table/TableStatus", "ACTIVE", "==", ""},
                            {1, AssertKind::kErrorType, "", "ResourceNotFoundException", "==", ""}};
  CheckResult r = EvaluateCheck(SandboxSender(sandbox), step);
  INFO(Reasons(r));
  CHECK(r.passed);
  // The runner's current Region is the default for requests without one.
  r = EvaluateCheck(SandboxSender(sandbox, "eu-west-1"), step);
  CHECK(r.assertions[0].passed);
  CHECK_FALSE(r.assertions[1].passed);

  int calls = 0;
  const Sender own_region_only = [&](std::string_view target, std::string_view body) {
    ++calls;
    return HandleRequest(sandbox, "us-east-1", target, body);
  };
  const RequestOutcome refused = SendLessonRequest(own_region_only, {"DescribeTable", {{"TableName", "Tbl"}}, 1, "eu-west-1"});
  CHECK(calls == 0);
  CHECK(refused.response.error_type == "ValidationException");
  CHECK(refused.parsed["message"] == "This lesson request is for Region eu-west-1, but this runner can only send to its current Region.");
  CHECK(SendLessonRequest(own_region_only, {"ListTables", json::object(), 1}).response.ok());
  CHECK(calls == 1);
}

// A broken file is listed with its errors; the others still load, and cross-file rules apply.
TEST_CASE("a broken lesson file never stops the catalogue") {
  json other = MinimalLesson();
  other["id"] = "y";
  other["prerequisites"] = {"missing-lesson"};
  const Catalogue cat = LoadCatalogueFromStrings({{"lessons/01-good.json", MinimalLesson().dump()},
                                                  {"lessons/02-bad.json", "{\"id\": \"bad\", "},
                                                  {"lessons/03-prereq.json", other.dump()},
                                                  {"lessons/04-dup.json", MinimalLesson().dump()},
                                                  {"glossary.json", R"({"terms": [{"term": "GSI"}]})"}});
  REQUIRE(cat.lessons.size() == 1);
  CHECK(cat.lessons[0].file == "lessons/01-good.json");
  REQUIRE(cat.broken.size() == 4);
  CHECK(cat.broken[0].file == "glossary.json");
  CHECK(cat.broken[0].errors[0] == "glossary.json: terms[0].definition: missing (expected a string or an array of lines)");
  CHECK(cat.broken[1].file == "lessons/02-bad.json");
  CHECK(cat.broken[1].errors[0].rfind("lessons/02-bad.json: (file): not valid JSON", 0) == 0);
  CHECK(cat.broken[2].errors[0] == "lessons/03-prereq.json: prerequisites[0]: no lesson has the id 'missing-lesson'");
  CHECK(cat.broken[3].errors[0] == "lessons/04-dup.json: id: another lesson already uses the id 'x'");
}

TEST_CASE("assertion kinds and their reasons") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  Step step;
  step.check = Check{};
  step.check->requests = {{"DescribeTable", {{"TableName", "Tbl"}}, 1}};
  step.check->assertions = {{-1, AssertKind::kExists, "/Table", nullptr, "==", ""}};
  CheckResult r = EvaluateCheck(SandboxSender(sandbox), step);
  CHECK_FALSE(r.passed);
  CHECK(r.assertions[0].reason == "the request failed: ResourceNotFoundException: Requested resource not found: Table: Tbl not found");
  step.check->assertions = {{-1, AssertKind::kErrorType, "", "ResourceNotFoundException", "==", ""},
                            {-1, AssertKind::kNotExists, "/Table", nullptr, "==", ""}};
  CHECK(EvaluateCheck(SandboxSender(sandbox), step).passed);
  test::MakeTable(e, "Tbl", "N");
  test::Ok(e, "PutItem", json::parse(R"({"TableName": "Tbl", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "n": {"N": "7"}}})"));
  step.check->requests = {{"Query", {{"TableName", "Tbl"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", {{"S", "a"}}}}}}, 1}};
  step.check->assertions = {{-1, AssertKind::kCount, "/Items", 1, ">=", ""},
                            {-1, AssertKind::kGreaterThan, "/Items/0/n", 6, "==", ""},
                            {-1, AssertKind::kEquals, "/Items/0/n/N", 7, "==", ""},
                            {-1, AssertKind::kNotEquals, "/Items/0/pk/S", "b", "==", ""}};
  r = EvaluateCheck(SandboxSender(sandbox), step);
  INFO(Reasons(r));
  CHECK(r.passed);
  CHECK(r.assertions[0].label == "Query: count of /Items >= 1");
  step.check->assertions = {{-1, AssertKind::kLessThan, "/Items/0/n", 6, "==", "n is small"}};
  r = EvaluateCheck(SandboxSender(sandbox), step);
  CHECK_FALSE(r.passed);
  CHECK(r.assertions[0].label == "n is small");
  CHECK(r.assertions[0].reason == "found {\"N\":\"7\"}");
}

// "repeat" sends a request N times with {{i}} substituted; the outcome counts failures by type.
TEST_CASE("repeated requests and the capacity inspection") {
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::Ok(e, "CreateTable", json::parse(R"({"TableName": "Prv", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}})"));
  const RequestOutcome o = SendLessonRequest(SandboxSender(sandbox), {"PutItem", json::parse(R"({"TableName": "Prv", "Item": {"pk": {"S": "k{{i}}"}}})"), 310});
  CHECK(o.sent == 310);
  CHECK(o.failures == 10);
  CHECK(o.error_types == std::set<std::string>{"ProvisionedThroughputExceededException"});
  CHECK(o.body.find("k309") != std::string::npos);
  const RequestOutcome h = SendLessonRequest(SandboxSender(sandbox), {"Sandbox.CapacityHistory", {{"TableName", "Prv"}}, 1});
  CHECK(h.parsed["ThrottledWrites"] == 10);
  CHECK(h.parsed["ConsumedWriteUnits"] == 300.0);
}

TEST_CASE("markup: headings, lists, emphasis and code") {
  const std::vector<Block> b = ParseMarkup("# Title\nSome **bold** and `code`\ncontinued.\n\n- one\n2. two\n## Sub");
  REQUIRE(b.size() == 5);
  CHECK(b[0].kind == BlockKind::kHeading);
  CHECK(b[0].level == 1);
  CHECK(b[1].kind == BlockKind::kParagraph);
  REQUIRE(b[1].spans.size() >= 5);
  CHECK(b[1].spans[1].style == SpanStyle::kEmphasis);
  CHECK(b[1].spans[1].text == "bold");
  CHECK(b[1].spans[3].style == SpanStyle::kCode);
  CHECK(b[1].spans.back().text == "continued.");
  CHECK(b[2].kind == BlockKind::kBullet);
  CHECK(b[3].kind == BlockKind::kNumbered);
  CHECK(b[3].level == 2);
  CHECK(b[4].level == 2);
  CHECK(MarkupToPlainText("- **a** `b`") == "- a b");
}

TEST_CASE("progress round-trips through JSON, and the report reflects it") {
  const Catalogue& cat = Real();
  const Lesson* l = cat.FindLesson("01-tables-and-keys");
  REQUIRE(l != nullptr);
  Progress p;
  p.learner = "Ada";
  p.lab_id = "getting-started";
  LessonProgress& lp = p.lessons[l->id];
  lp.current_step = 2;
  lp.completed_steps = {"primary-keys", "create-music"};
  lp.shown_solutions = {"create-music"};
  lp.hints_used = 3;
  lp.quiz_answers = {{"composite-key", {0}}, {"key-types", {0, 1}}};
  lp.quiz_submitted = true;
  lp.updated_ms = 1767225600000;
  Progress back;
  std::string error;
  REQUIRE(ProgressFromJson(ProgressToJson(p).dump(), &back, &error));
  CHECK(ProgressToJson(back) == ProgressToJson(p));
  CHECK_FALSE(ProgressFromJson("{\"lessons\": {}}", &back, &error));
  CHECK(error.find("not a progress file") == 0);

  const json report = ReportJson(cat, p, "2026-11-24T10:00:00.000Z");
  CHECK(report["learner"] == "Ada");
  const json& first = report["lessons"][0];
  CHECK(first["id"] == "01-tables-and-keys");
  CHECK(first["stepsCompleted"] == 2);
  CHECK(first["quizCorrect"] == 1);  // key-types needs all three key types
  CHECK(first["steps"][1]["usedShowMe"] == true);
  const std::string md = ReportMarkdown(cat, p, "2026-11-24T10:00:00.000Z");
  CHECK(md.find("- Learner: Ada") != std::string::npos);
  CHECK(md.find("| Tables and keys | 2/4 | 1 | 3 | 1/3 |") != std::string::npos);
  CHECK(md.find("- [x] Create a table with a composite key (used show me)") != std::string::npos);
  CHECK(md.find("- wrong: key-types") != std::string::npos);
}

TEST_CASE("ISO times") {
  CHECK(FormatIsoTime(1767225600000) == "2026-01-01T00:00:00.000Z");
  CHECK(ParseIsoTime("2026-11-24T09:30:05.250Z") == 1795512605250);
  CHECK(FormatIsoTime(1795512605250) == "2026-11-24T09:30:05.250Z");
  CHECK_FALSE(ParseIsoTime("yesterday").has_value());
}

// Save walks the public API; load replays it. Saving the loaded copy gives the same file: tables
// (provisioned with a GSI, on-demand with an LSI and a stream), TTL, tags, 210 items,
// and the clock.
TEST_CASE("sandbox save/load round trip") {
  Sandbox a_sandbox;
  Engine& a = a_sandbox.DefaultRegion();
  test::Ok(a, "CreateTable", json::parse(R"({"TableName": "Prov", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "N"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2},
      "GlobalSecondaryIndexes": [{"IndexName": "ByG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"},
                                  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}]})"));
  test::Ok(a, "CreateTable", json::parse(R"({"TableName": "Dem", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}, {"AttributeName": "l", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
      "LocalSecondaryIndexes": [{"IndexName": "ByL", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
      "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
      "Tags": [{"Key": "team", "Value": "blue"}]})"));
  for (int i = 0; i < 60; ++i) {
    json item = json::parse(R"({"l": {"S": "x"}, "exp": {"N": "1900000000"}, "m": {"M": {"a": {"L": [{"BOOL": true}]}}}})");
    item["pk"] = {{"S", "p" + std::to_string(i % 3)}};
    item["sk"] = {{"S", std::to_string(i)}};
    test::Ok(a, "PutItem", {{"TableName", "Dem"}, {"Item", item}});
  }
  // 150 items of 3 write units: more than the 600-unit burst of 2 WCU can replay, so the load
  // raises the write capacity for the replay and lowers it again.
  for (int i = 0; i < 150; ++i) {
    json item = json::parse(R"({"g": {"N": "1"}})");
    item["pad"] = {{"S", std::string(2500, 'x')}};
    item["pk"] = {{"S", "k" + std::to_string(i)}};
    test::Ok(a, "PutItem", {{"TableName", "Prov"}, {"Item", item}});
  }
  test::Ok(a, "UpdateTimeToLive", {{"TableName", "Dem"}, {"TimeToLiveSpecification", {{"AttributeName", "exp"}, {"Enabled", true}}}});
  a.clock().Advance(3600 * 1000);

  json saved;
  std::string error;
  REQUIRE(SaveSandbox(SandboxSender(a_sandbox), &saved, &error));
  CHECK(saved["format"] == "ddb-sandbox/1");
  CHECK(saved["clock"]["epochMillis"] == a.clock().NowMillis());
  REQUIRE(saved["tables"].size() == 2);

  Sandbox b_sandbox;
  Engine& b = b_sandbox.DefaultRegion();
  test::MakeTable(b, "Leftover");  // replaced by the load
  std::vector<std::string> warnings;
  REQUIRE(LoadSandbox(SandboxSender(b_sandbox), saved, &warnings, &error));
  INFO(warnings.size() << (warnings.empty() ? "" : warnings[0]));
  CHECK(warnings.empty());
  CHECK(b.clock().NowMillis() == a.clock().NowMillis());
  json again;
  INFO(error);
  REQUIRE(SaveSandbox(SandboxSender(b_sandbox), &again, &error));
  const bool same = again == saved;  // (not printed: the file is large)
  CHECK(same);
  const json d = test::Ok(b, "DescribeTable", {{"TableName", "Prov"}});
  CHECK(d["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"] == 2);
  CHECK(d["Table"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"] == 1);
  CHECK(d["Table"]["ItemCount"] == 150);
  const bool on_demand = d["Table"].contains("BillingModeSummary") && d["Table"]["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST";
  CHECK_FALSE(on_demand);

  CHECK_FALSE(LoadSandbox(SandboxSender(b_sandbox), json{{"format", "other"}}, &warnings, &error));
  CHECK(error.find("not a sandbox file") == 0);
}

// A lab sets engine settings, moves the clock, and replays its setup into an empty sandbox.
TEST_CASE("ApplyLab: the getting-started lab") {
  const Lab* lab = Real().FindLab("getting-started");
  REQUIRE(lab != nullptr);
  Sandbox sandbox;
  Engine& e = sandbox.DefaultRegion();
  test::MakeTable(e, "Old");
  std::vector<std::string> warnings;
  std::string error;
  REQUIRE(ApplyLab(SandboxSender(sandbox), *lab, &warnings, &error));
  CHECK(warnings.empty());
  CHECK(e.TableNames() == std::vector<std::string>{"Warmup"});
  CHECK(FormatIsoTime(e.clock().NowMillis()) == "2026-11-24T09:00:00.000Z");
  const json item = test::Ok(e, "GetItem", {{"TableName", "Warmup"}, {"Key", {{"Id", {{"S", "hello"}}}}}});
  CHECK(item["Item"]["Message"]["S"] == "Try GetItem on me");
}

}  // TEST_SUITE
