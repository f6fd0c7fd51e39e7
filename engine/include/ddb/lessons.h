// Lessons, quizzes and instructor labs as data (lessons/*.json, schema in lessons/README.md), and
// the runner that checks a learner's real sandbox state against them. No UI here: the Lessons panel
// only displays what this runner reports, and tests/engine/lessons_test.cc runs every lesson
// headless. Index:
//   [SECTION] Lesson model        Lesson, Step, Check, Assertion, QuizQuestion, Glossary, Lab
//   [SECTION] Loading             LoadCatalogueFromDirectory / FromStrings, ParseLesson, ParseLab
//   [SECTION] Markup              the small text markup of step text (headings, **b**, `code`, lists)
//   [SECTION] Running             SendLessonRequest, EvaluateCheck, RunSolution
//   [SECTION] Quiz                ScoreQuiz
//   [SECTION] Progress, reports   Progress <-> JSON, instructor report as JSON and Markdown
//   [SECTION] Sandbox files       SaveSandbox / LoadSandbox over the public JSON API, ApplyLab
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ddb/json_api.h"

namespace ddb {
class Sandbox;
}

namespace ddb::lessons {

using Json = nlohmann::json;

// [SECTION] Lesson model ------------------------------------------------------------------------------

// One request a check or a solution sends. `operation` is a DynamoDB operation name ("PutItem"), a
// full target ("SandboxControl.AdvanceClock", "DynamoDBStreams_20120810.ListStreams"), or one of the
// runner's read-only inspections ("Sandbox.CapacityHistory"). With repeat > 1 the request is sent
// that many times and "{{i}}" in any string of the body becomes 0, 1, 2...; "{{fill:N}}" becomes N
// 'x' characters (a quick way to make big items).
// `region` sends it to that Region (one of KnownRegions(), checked when the lesson loads); empty: the
// runner's current Region.
struct LessonRequest {
  std::string operation;
  Json body = Json::object();
  int repeat = 1;
  std::string region;
};

enum class AssertKind {
  kEquals,       // value at path == value
  kNotEquals,    // value at path != value (a missing path counts as "not equal")
  kExists,       // path resolves
  kNotExists,    // path does not resolve (or the request failed)
  kGreaterThan,  // number at path > value (strings holding numbers, like {"N":"5"}'s "5", count)
  kLessThan,     // number at path < value
  kErrorType,    // the request failed with this error type ("" or "none": it succeeded)
  kCount,        // size of the array/object at path compared with value using `op`
};

struct Assertion {
  int request = -1;       // index into Check::requests; -1: the last one
  AssertKind kind = AssertKind::kExists;
  std::string path;       // JSON pointer into the response body ("" for kErrorType)
  Json value;             // what to compare with
  std::string op = "==";  // kCount: == != > >= < <=
  std::string label;      // optional: what this assertion means, shown to the learner
};

struct Check {
  std::vector<LessonRequest> requests;
  std::vector<Assertion> assertions;
};

struct Step {
  std::string id;
  std::string title;
  std::string text;                   // markup (see ParseMarkup)
  std::vector<std::string> hints;
  std::optional<Check> check;         // none: a reading step, complete when the learner moves on
  std::vector<LessonRequest> solution;  // "show me"
};

struct QuizOption {
  std::string text;
  bool correct = false;
  std::string explanation;  // why this option is right or wrong
};

struct QuizQuestion {
  std::string id;
  bool multiple = false;            // "multiple": choose every correct option
  std::string prompt;               // scenario style, markup
  std::vector<QuizOption> options;
  std::vector<std::string> steps;   // step ids the learner can revisit
};

struct Lesson {
  std::string file;  // as reported in errors, e.g. "lessons/03-query-vs-scan.json"
  std::string id;
  std::string title;
  std::string domain;          // exam domain, e.g. "Design high-performing architectures"
  int minutes = 0;             // estimated
  std::vector<std::string> prerequisites;  // lesson ids
  bool concept_only = false;   // teaches features the sandbox does not implement: no checks
  std::string summary;
  std::vector<Step> steps;
  std::vector<QuizQuestion> quiz;

  const Step* FindStep(std::string_view step_id) const;
  int StepIndex(std::string_view step_id) const;  // -1 when absent
};

struct GlossaryTerm {
  std::string term;
  std::string definition;
  std::vector<std::string> lessons;  // lesson ids that teach it
};

// A lab: lessons handed out by an instructor with an initial sandbox state.
struct Lab {
  std::string file;
  std::string id;
  std::string title;
  std::string instructions;           // markup
  std::vector<std::string> lessons;   // lesson ids, in the order to take them
  std::optional<int64_t> clock_ms;    // virtual clock time to start at (moved forward only)
  Json settings = Json::object();     // engine settings, see ApplyLab
  std::vector<LessonRequest> setup;   // requests replayed into the sandbox (tables, items)
  std::optional<Json> sandbox;        // or a whole sandbox file (SaveSandbox's format)
};

struct BrokenFile {
  std::string file;
  std::vector<std::string> errors;  // "file: field: problem"
};

struct Catalogue {
  std::vector<Lesson> lessons;        // valid lessons, sorted by file name
  std::vector<BrokenFile> broken;     // files that failed validation (never loaded)
  std::vector<GlossaryTerm> glossary; // sorted by term
  std::vector<Lab> labs;              // lessons/labs/*.json

  const Lesson* FindLesson(std::string_view id) const;
  const Lab* FindLab(std::string_view id) const;
};

// [SECTION] Loading ---------------------------------------------------------------------------------

// Reads every *.json in `dir` (the lesson files, glossary.json, and labs/*.json). Files are reported
// as "<basename of dir>/<name>", e.g. "lessons/01-tables-and-keys.json". A file that fails
// validation goes to `broken` with every problem found; the others still load. Cross-file rules
// (duplicate ids, unknown prerequisites) are checked last. Never throws.
Catalogue LoadCatalogueFromDirectory(const std::string& dir);
// The same from (file name, text) pairs: "glossary.json" is the glossary, names under "labs/" are labs.
Catalogue LoadCatalogueFromStrings(const std::vector<std::pair<std::string, std::string>>& files);

// One lesson file. Returns false and appends "file: field: problem" lines to `errors` when invalid.
bool ParseLesson(std::string_view file, std::string_view text, Lesson* out, std::vector<std::string>* errors);
bool ParseLab(std::string_view file, std::string_view text, Lab* out, std::vector<std::string>* errors);
bool ParseGlossary(std::string_view file, std::string_view text, std::vector<GlossaryTerm>* out,
                   std::vector<std::string>* errors);

// [SECTION] Markup ----------------------------------------------------------------------------------

// Step text: "# " and "## " headings, "- " bullets, "1. " numbered items, blank lines between
// paragraphs; inside a line **emphasis** and `code`.
enum class SpanStyle { kPlain, kEmphasis, kCode };
struct Span {
  SpanStyle style = SpanStyle::kPlain;
  std::string text;
};
enum class BlockKind { kParagraph, kHeading, kBullet, kNumbered };
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;       // heading level (1, 2) or the number of a numbered item
  std::vector<Span> spans;
};
std::vector<Block> ParseMarkup(std::string_view text);
std::string MarkupToPlainText(std::string_view text);  // markers removed (for reports)

// [SECTION] Running ---------------------------------------------------------------------------------

// How lesson requests reach a sandbox: a full X-Amz-Target ("DynamoDB_20120810.PutItem",
// "SandboxControl.DescribeClock"), its body and the Region it goes to ("" for the sender's current
// Region), answered as the request router answers. The app passes its console path for solutions
// ("show me" requests appear where the learner sends their own) and a quiet one for checks; tests
// and headless runs use SandboxSender.
// Built from a callable taking (target, body, region), or from one taking (target, body) that can
// only reach its current Region: through it, a request naming a Region fails (ValidationException
// naming the Region, nothing sent) instead of silently going to the wrong Region.
class Sender {
 public:
  using Fn = std::function<JsonResponse(std::string_view target, std::string_view body, std::string_view region)>;

  Sender() = default;
  template <typename F>
    requires std::is_invocable_r_v<JsonResponse, const F&, std::string_view, std::string_view, std::string_view>
  Sender(F f) : fn_(std::move(f)) {}  // NOLINT: implicit, as std::function
  template <typename F>
    requires(std::is_invocable_r_v<JsonResponse, const F&, std::string_view, std::string_view> &&
             !std::is_invocable_v<const F&, std::string_view, std::string_view, std::string_view>)
  Sender(F f) : fn_(CurrentRegionOnly(std::move(f))) {}  // NOLINT: implicit, as std::function

  JsonResponse operator()(std::string_view target, std::string_view body, std::string_view region = {}) const {
    return fn_(target, body, region);
  }
  explicit operator bool() const { return static_cast<bool>(fn_); }

 private:
  static Fn CurrentRegionOnly(std::function<JsonResponse(std::string_view, std::string_view)> f);
  Fn fn_;
};
// A Sender on a sandbox through the request router: to `region` (empty: the default Region), or to
// the Region a lesson request names.
Sender SandboxSender(Sandbox& sandbox, std::string region = {});
// The target a lesson's `operation` names: a DynamoDB operation ("PutItem") is
// "DynamoDB_20120810.PutItem", the runner's inspections "Sandbox.Clock" and "Sandbox.CapacityHistory"
// are SandboxControl.DescribeClock and SandboxControl.DescribeCapacityHistory, a full target stays.
std::string LessonTarget(std::string_view operation);

struct RequestOutcome {
  std::string operation;
  std::string region;         // the Region the request named ("": the runner's current Region)
  std::string body;           // the request body as sent (the last one when repeated)
  int sent = 0;               // how many times it was sent
  int failures = 0;           // how many of those failed
  std::set<std::string> error_types;  // every error type seen
  JsonResponse response;      // the last response
  Json parsed;                // the last response body, parsed (null when not JSON)
};

// Sends one request (every repetition) through `send`. `previous`: the response body of the request
// before it in the same check or solution, for "{{prev:/pointer}}" in the body (lessons/README.md).
RequestOutcome SendLessonRequest(const Sender& send, const LessonRequest& request, const Json* previous = nullptr);

struct AssertionResult {
  bool passed = false;
  std::string label;   // what is checked, e.g. "/Table/TableStatus == \"ACTIVE\""
  std::string reason;  // why it failed, or what was found
};
struct CheckResult {
  bool has_check = false;  // false for reading steps (always `passed`)
  bool passed = false;
  std::vector<AssertionResult> assertions;
};

// Sends the step's check requests and evaluates every assertion. Lessons write checks as reads
// (DescribeTable, GetItem, Query, Scan, Sandbox.*); note that reads on provisioned tables consume
// read capacity like any read.
CheckResult EvaluateCheck(const Sender& send, const Step& step);
// Sends the step's solution requests, in order, through `send`.
std::vector<RequestOutcome> RunSolution(const Sender& send, const Step& step);

// [SECTION] Quiz ------------------------------------------------------------------------------------

// Answers: question id -> chosen option indexes.
using QuizAnswers = std::map<std::string, std::vector<int>>;
struct QuizScore {
  int correct = 0;
  int total = 0;
  std::map<std::string, bool> per_question;  // answered questions only
};
// A single-choice question is right when exactly its correct option is chosen; a multiple-choice
// one when the chosen set equals the correct set.
QuizScore ScoreQuiz(const Lesson& lesson, const QuizAnswers& answers);
bool IsAnswerCorrect(const QuizQuestion& question, const std::vector<int>& chosen);

// [SECTION] Progress, reports -----------------------------------------------------------------------

struct LessonProgress {
  int current_step = 0;
  std::set<std::string> completed_steps;  // step ids
  std::set<std::string> shown_solutions;  // steps where "show me" was used
  int hints_used = 0;
  QuizAnswers quiz_answers;
  bool quiz_submitted = false;
  int quiz_correct = 0;
  int quiz_total = 0;
  int64_t updated_ms = 0;  // virtual clock time of the last change
};

struct Progress {
  std::string learner;  // free text the learner types (name or seat)
  std::string lab_id;   // the lab they were handed, if any
  std::map<std::string, LessonProgress> lessons;  // by lesson id
};

Json ProgressToJson(const Progress& progress);
// Unknown fields are ignored; returns false with a reason for text that is not a progress file.
bool ProgressFromJson(std::string_view text, Progress* out, std::string* error);

// Fraction 0..1 of a lesson's steps completed.
double LessonCompletion(const Lesson& lesson, const LessonProgress& progress);

// The instructor's report: per lesson, steps completed, solutions shown, hints, quiz score and
// each answer with whether it was right. `generated_at` is an ISO-8601 time for the header.
Json ReportJson(const Catalogue& catalogue, const Progress& progress, std::string_view generated_at);
std::string ReportMarkdown(const Catalogue& catalogue, const Progress& progress, std::string_view generated_at);

// [SECTION] Sandbox files ---------------------------------------------------------------------------

// Saves every table (definition from DescribeTable, TTL from DescribeTimeToLive, tags, every item
// from paged Scans) and the virtual clock, walking only the public JSON API. Format in
// lessons/README.md ("format": "ddb-sandbox/1"). Fails (returns false, `error`) when a read fails,
// e.g. a Scan throttled on a provisioned table.
bool SaveSandbox(const Sender& send, Json* out, std::string* error);
// Replaces the sandbox's tables with the file's: deletes every table, moves the clock forward to the
// saved time (never back), then CreateTable + BatchWriteItem (+ UpdateTimeToLive) per table.
// Provisioned tables are created with enough write capacity for the replay and lowered to the
// saved throughput afterwards, so a replay is never throttled. Problems that don't stop the load go to `warnings`.
bool LoadSandbox(const Sender& send, const Json& file, std::vector<std::string>* warnings, std::string* error);

// Applies a lab's initial state: settings, clock, sandbox file and setup requests.
bool ApplyLab(const Sender& send, const Lab& lab, std::vector<std::string>* warnings, std::string* error);

}  // namespace ddb::lessons
