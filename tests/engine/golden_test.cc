// Golden request/response cases (tests/data/golden/*.json), written from AWS's documented examples
// (API Reference "Examples" sections, the Developer Guide's getting-started steps), replayed in order
// against one fresh engine per file. Responses are compared structurally:
//  - every member of the expected object must be present, and no other member may appear;
//  - members named in the file's "ignore" list must be present, their values are not compared
//    (TableId, CreationDateTime, LastUpdateToPayPerRequestDateTime: volatile on AWS);
//  - numbers compare by value (1 == 1.0); SS / NS / BS members compare as sets (AWS sets are unordered);
//  - a step's "unordered" names an array compared as a multiset (Scan order is unspecified).
// File format: {"description", "sources": [...], "ignore": [...], "steps": [{"operation", "request",
// "status" (default 200), "response", "unordered"?}]}.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

using nlohmann::json;
using namespace ddb;

namespace {

struct Compare {
  std::set<std::string> ignore;
  std::string unordered;
  std::vector<std::string> errors;

  void Fail(const std::string& path, const std::string& what) { errors.push_back(path + ": " + what); }

  static bool IsSetType(const std::string& k) { return k == "SS" || k == "NS" || k == "BS"; }

  void Values(const json& want, const json& got, const std::string& path, const std::string& key) {
    if (want.is_number() && got.is_number()) {
      if (want.get<double>() != got.get<double>()) Fail(path, "expected " + want.dump() + ", got " + got.dump());
      return;
    }
    if (want.type() != got.type()) {
      Fail(path, "expected " + want.dump() + ", got " + got.dump());
      return;
    }
    if (want.is_object()) {
      for (const auto& [k, v] : want.items()) {
        if (!got.contains(k)) {
          Fail(path + "." + k, "missing");
          continue;
        }
        if (ignore.count(k)) continue;
        Values(v, got.at(k), path + "." + k, k);
      }
      for (const auto& [k, v] : got.items())  // an ignored member may also be absent from the example
        if (!want.contains(k) && !ignore.count(k)) Fail(path + "." + k, "unexpected member " + v.dump());
      return;
    }
    if (want.is_array()) {
      if (want.size() != got.size()) {
        Fail(path, "expected " + std::to_string(want.size()) + " elements, got " + std::to_string(got.size()) + ": " + got.dump());
        return;
      }
      if (IsSetType(key) || key == unordered) {
        // Multiset match: each expected element pairs with one equal actual element.
        std::vector<bool> used(got.size(), false);
        for (const auto& w : want) {
          bool found = false;
          for (size_t i = 0; i < got.size() && !found; ++i) {
            if (used[i]) continue;
            Compare sub{ignore, unordered, {}};
            sub.Values(w, got[i], path, "");
            if (sub.errors.empty()) found = used[i] = true;
          }
          if (!found) Fail(path, "no element matches " + w.dump() + " in " + got.dump());
        }
        return;
      }
      for (size_t i = 0; i < want.size(); ++i) Values(want[i], got[i], path + "[" + std::to_string(i) + "]", "");
      return;
    }
    if (want != got) Fail(path, "expected " + want.dump() + ", got " + got.dump());
  }
};

std::vector<std::filesystem::path> GoldenFiles() {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path dir = std::filesystem::path(DDB_TEST_DATA_DIR) / "golden";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

json ReadJson(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str(), nullptr, false);
}

}  // namespace

TEST_SUITE("golden") {

// The comparator itself: ignored members, numbers by value, sets unordered, extra members rejected.
TEST_CASE("golden comparator") {
  Compare c{{"TableId"}, "", {}};
  c.Values(json::parse(R"({"a":1,"TableId":"x","s":{"SS":["a","b"]}})"), json::parse(R"({"a":1.0,"TableId":"y","s":{"SS":["b","a"]}})"), "", "");
  CHECK(c.errors.empty());
  Compare d{{}, "", {}};
  d.Values(json::parse(R"({"a":1})"), json::parse(R"({"a":1,"b":2})"), "", "");
  CHECK(d.errors.size() == 1);
  Compare f{{}, "", {}};
  f.Values(json::parse(R"({"l":{"L":[{"S":"a"},{"S":"b"}]}})"), json::parse(R"({"l":{"L":[{"S":"b"},{"S":"a"}]}})"), "", "");
  CHECK(f.errors.size() == 2);  // lists are ordered
}

// Every golden file replays to the documented responses.
TEST_CASE("golden files replay") {
  const auto files = GoldenFiles();
  REQUIRE_MESSAGE(files.size() >= 2, "golden files not found under " DDB_TEST_DATA_DIR "/golden");
  for (const auto& file : files) {
    CAPTURE(file.filename().string());
    const json doc = ReadJson(file);
    REQUIRE(doc.is_object());
    REQUIRE(doc.contains("steps"));
    REQUIRE(doc.contains("sources"));
    std::set<std::string> ignore;
    for (const auto& k : doc.value("ignore", json::array())) ignore.insert(k.get<std::string>());
    Sandbox engine_sandbox;
    Engine& engine = engine_sandbox.DefaultRegion();
    int step_no = 0;
    for (const auto& step : doc["steps"]) {
      ++step_no;
      const std::string op = step["operation"].get<std::string>();
      CAPTURE(step_no);
      CAPTURE(op);
      JsonResponse r = HandleJson(engine, op, step["request"].dump());
      CHECK(r.http_status == step.value("status", 200));
      const json got = json::parse(r.body, nullptr, false);
      Compare c{ignore, step.value("unordered", std::string()), {}};
      c.Values(step["response"], got, "$", "");
      for (const auto& e : c.errors) FAIL_CHECK(e);
    }
  }
}

}  // TEST_SUITE
