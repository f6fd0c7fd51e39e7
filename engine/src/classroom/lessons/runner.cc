// Running lesson requests through a Sender (the request router, or the app's console) and
// evaluating a step's check: each assertion passes or fails with a reason a learner can act on
// ("found \"CREATING\"", "the request failed: ResourceNotFoundException: ...").
#include <cmath>
#include <cstdlib>

#include "ddb/lessons.h"
#include "ddb/request_router.h"
#include "ddb/sandbox.h"

namespace ddb::lessons {
namespace {

// "{{i}}" -> the repetition index, "{{fill:N}}" -> N 'x' characters, "{{prev:/json/pointer}}" -> the
// value at that pointer in the previous request's response (a string as is, else its JSON; empty
// when there is none), in every string of the body.
std::string Substitute(const std::string& s, int index, const Json* previous) {
  if (s.find("{{") == std::string::npos) return s;
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t open = s.find("{{", i);
    const size_t close = open == std::string::npos ? std::string::npos : s.find("}}", open + 2);
    if (close == std::string::npos) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, open - i);
    const std::string token = s.substr(open + 2, close - open - 2);
    if (token == "i") {
      out += std::to_string(index);
    } else if (token.rfind("fill:", 0) == 0) {
      const long n = std::strtol(token.c_str() + 5, nullptr, 10);
      out += std::string(static_cast<size_t>(n > 0 && n <= 400 * 1024 ? n : 0), 'x');
    } else if (token.rfind("prev:", 0) == 0) {
      const Json* found = nullptr;
      const std::string path = token.substr(5);
      bool valid = !path.empty() && path[0] == '/';  // RFC 6901: '~' only as ~0 or ~1 (the constructor would throw)
      for (size_t k = 0; valid && k < path.size(); ++k)
        if (path[k] == '~') valid = k + 1 < path.size() && (path[k + 1] == '0' || path[k + 1] == '1');
      if (valid && previous && !previous->is_null()) {
        const Json::json_pointer ptr(path);
        if (previous->contains(ptr)) found = &(*previous)[ptr];
      }
      if (found) out += found->is_string() ? found->get<std::string>() : found->dump();
    } else {
      out += "{{" + token + "}}";
    }
    i = close + 2;
  }
  return out;
}

Json SubstituteAll(const Json& j, int index, const Json* previous) {
  if (j.is_string()) {
    // A string that is exactly one "{{prev:/pointer}}" takes the value itself, so a number or an
    // object from the previous answer (an epoch time, a key) keeps its JSON type.
    const std::string& s = j.get_ref<const std::string&>();
    if (s.starts_with("{{prev:/") && s.ends_with("}}") && s.find("}}") == s.size() - 2 && previous && !previous->is_null()) {
      const std::string path = s.substr(7, s.size() - 9);
      if (path.find('~') == std::string::npos) {
        const Json::json_pointer ptr(path);
        if (previous->contains(ptr) && !(*previous)[ptr].is_string()) return (*previous)[ptr];
      }
    }
    return Substitute(s, index, previous);
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const Json& e : j) out.push_back(SubstituteAll(e, index, previous));
    return out;
  }
  if (j.is_object()) {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
      out[Substitute(it.key(), index, previous)] = SubstituteAll(it.value(), index, previous);
    return out;
  }
  return j;
}

std::string Short(const Json& j) {
  std::string s = j.dump();
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

// A number from a JSON number, a numeric string ("5" of {"N":"5"}), or {"N": "5"} itself.
std::optional<double> AsNumber(const Json& j) {
  if (j.is_number()) return j.get<double>();
  const Json* v = &j;
  if (j.is_object() && j.size() == 1 && j.contains("N")) v = &j.at("N");
  if (v->is_string()) {
    const std::string s = v->get<std::string>();
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) return d;
  }
  return std::nullopt;
}

bool LooseEquals(const Json& found, const Json& expected) {
  if (found == expected) return true;
  if (expected.is_number()) {
    const auto a = AsNumber(found);
    return a && *a == expected.get<double>();
  }
  return false;
}

bool Compare(double a, const std::string& op, double b) {
  if (op == "==") return a == b;
  if (op == "!=") return a != b;
  if (op == ">") return a > b;
  if (op == ">=") return a >= b;
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  return false;
}

std::string DefaultLabel(const Assertion& a, const std::string& operation) {
  std::string what;
  switch (a.kind) {
    case AssertKind::kEquals: what = a.path + " is " + Short(a.value); break;
    case AssertKind::kNotEquals: what = a.path + " is not " + Short(a.value); break;
    case AssertKind::kExists: what = a.path + " exists"; break;
    case AssertKind::kNotExists: what = a.path + " does not exist"; break;
    case AssertKind::kGreaterThan: what = a.path + " > " + Short(a.value); break;
    case AssertKind::kLessThan: what = a.path + " < " + Short(a.value); break;
    case AssertKind::kErrorType: {
      const std::string t = a.value.is_string() ? a.value.get<std::string>() : "";
      what = t.empty() || t == "none" ? "succeeds" : "fails with " + t;
      break;
    }
    case AssertKind::kCount: what = "count of " + a.path + " " + a.op + " " + Short(a.value); break;
  }
  return operation + ": " + what;
}

AssertionResult Evaluate(const Assertion& a, const RequestOutcome& outcome) {
  AssertionResult r;
  r.label = a.label.empty() ? DefaultLabel(a, outcome.operation) : a.label;
  const bool failed = !outcome.response.ok();
  std::string failure;
  if (failed) {
    failure = "the request failed: " + outcome.response.error_type;
    if (outcome.parsed.is_object()) {
      const std::string msg = outcome.parsed.value("message", outcome.parsed.value("Message", std::string()));
      if (!msg.empty()) failure += ": " + msg;
    }
  }
  if (a.kind == AssertKind::kErrorType) {
    const std::string want = a.value.get<std::string>();
    if (want.empty() || want == "none") {
      r.passed = outcome.failures == 0;
      r.reason = r.passed ? "succeeded" : failure;
    } else {
      r.passed = outcome.error_types.count(want) > 0;
      r.reason = r.passed ? "failed with " + want : (failed ? failure : "the request succeeded");
    }
    return r;
  }
  if (a.kind == AssertKind::kNotExists && failed) {
    r.passed = true;
    r.reason = failure;
    return r;
  }
  if (failed) {
    r.reason = failure;
    return r;
  }
  const Json* found = nullptr;
  if (outcome.parsed.is_object() || outcome.parsed.is_array()) {
    const Json::json_pointer ptr(a.path);  // validated when the lesson loaded
    if (outcome.parsed.contains(ptr)) found = &outcome.parsed.at(ptr);
  }
  switch (a.kind) {
    case AssertKind::kExists:
      r.passed = found != nullptr;
      r.reason = found ? "found " + Short(*found) : "not found in the response";
      break;
    case AssertKind::kNotExists:
      r.passed = found == nullptr;
      r.reason = found ? "found " + Short(*found) : "not in the response";
      break;
    case AssertKind::kEquals:
      r.passed = found && LooseEquals(*found, a.value);
      r.reason = found ? "found " + Short(*found) : "not found in the response";
      break;
    case AssertKind::kNotEquals:
      r.passed = !found || !LooseEquals(*found, a.value);
      r.reason = found ? "found " + Short(*found) : "not in the response";
      break;
    case AssertKind::kGreaterThan:
    case AssertKind::kLessThan: {
      const auto n = found ? AsNumber(*found) : std::nullopt;
      r.passed = n && Compare(*n, a.kind == AssertKind::kGreaterThan ? ">" : "<", a.value.get<double>());
      r.reason = !found ? "not found in the response" : (n ? "found " + Short(*found) : "found " + Short(*found) + ", not a number");
      break;
    }
    case AssertKind::kCount: {
      std::optional<double> n;
      if (found && (found->is_array() || found->is_object())) n = static_cast<double>(found->size());
      else if (found) n = AsNumber(*found);
      r.passed = n && Compare(*n, a.op, a.value.get<double>());
      r.reason = !found ? "not found in the response" : (n ? "count is " + std::to_string(static_cast<int64_t>(*n)) : "not a list");
      break;
    }
    case AssertKind::kErrorType: break;
  }
  return r;
}

}  // namespace

Sender::Fn Sender::CurrentRegionOnly(std::function<JsonResponse(std::string_view, std::string_view)> f) {
  return [f = std::move(f)](std::string_view target, std::string_view body, std::string_view region) {
    if (!region.empty()) {
      return ErrorResponse(Status::Validation("This lesson request is for Region " + std::string(region) +
                                              ", but this runner can only send to its current Region."));
    }
    return f(target, body);
  };
}

Sender SandboxSender(Sandbox& sandbox, std::string region) {
  return [&sandbox, current = std::move(region)](std::string_view target, std::string_view body, std::string_view region) {
    return HandleRequest(sandbox, region.empty() ? std::string_view(current) : region, target, body);
  };
}

std::string LessonTarget(std::string_view operation) {
  if (operation == "Sandbox.Clock") return "SandboxControl.DescribeClock";
  if (operation == "Sandbox.CapacityHistory") return "SandboxControl.DescribeCapacityHistory";
  if (operation.find('.') != std::string_view::npos) return std::string(operation);
  return "DynamoDB_20120810." + std::string(operation);
}

RequestOutcome SendLessonRequest(const Sender& send, const LessonRequest& request, const Json* previous) {
  RequestOutcome out;
  out.operation = request.operation;
  out.region = request.region;
  const int times = request.repeat < 1 ? 1 : request.repeat;
  for (int i = 0; i < times; ++i) {
    const Json body = SubstituteAll(request.body, i, previous);
    out.response = send(LessonTarget(request.operation), body.dump(), request.region);
    ++out.sent;
    if (!out.response.ok()) {
      ++out.failures;
      out.error_types.insert(out.response.error_type);
    }
    if (i + 1 == times) out.body = body.dump();
  }
  out.parsed = Json::parse(out.response.body, nullptr, /*allow_exceptions=*/false);
  if (out.parsed.is_discarded()) out.parsed = nullptr;
  return out;
}

CheckResult EvaluateCheck(const Sender& send, const Step& step) {
  CheckResult result;
  if (!step.check) {
    result.passed = true;
    return result;
  }
  result.has_check = true;
  std::vector<RequestOutcome> outcomes;
  outcomes.reserve(step.check->requests.size());
  for (const LessonRequest& r : step.check->requests)
    outcomes.push_back(SendLessonRequest(send, r, outcomes.empty() ? nullptr : &outcomes.back().parsed));
  result.passed = true;
  for (const Assertion& a : step.check->assertions) {
    const size_t index = a.request < 0 ? outcomes.size() - 1 : static_cast<size_t>(a.request);
    AssertionResult ar = index < outcomes.size() ? Evaluate(a, outcomes[index]) : AssertionResult{false, a.label, "no such request"};
    result.passed = result.passed && ar.passed;
    result.assertions.push_back(std::move(ar));
  }
  return result;
}

std::vector<RequestOutcome> RunSolution(const Sender& send, const Step& step) {
  std::vector<RequestOutcome> out;
  for (const LessonRequest& r : step.solution) out.push_back(SendLessonRequest(send, r, out.empty() ? nullptr : &out.back().parsed));
  return out;
}

}  // namespace ddb::lessons
