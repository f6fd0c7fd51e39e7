// Quiz scoring, the learner's progress (saved as JSON by the app: localStorage in the browser, a
// file on the desktop) and the instructor's report in JSON and Markdown.
#include <algorithm>

#include "ddb/lessons.h"

namespace ddb::lessons {

// [SECTION] Quiz

bool IsAnswerCorrect(const QuizQuestion& question, const std::vector<int>& chosen) {
  std::set<int> want, got(chosen.begin(), chosen.end());
  for (size_t i = 0; i < question.options.size(); ++i)
    if (question.options[i].correct) want.insert(static_cast<int>(i));
  if (!question.multiple && got.size() != 1) return false;
  return want == got;
}

QuizScore ScoreQuiz(const Lesson& lesson, const QuizAnswers& answers) {
  QuizScore score;
  score.total = static_cast<int>(lesson.quiz.size());
  for (const QuizQuestion& q : lesson.quiz) {
    const auto it = answers.find(q.id);
    if (it == answers.end() || it->second.empty()) continue;
    const bool ok = IsAnswerCorrect(q, it->second);
    score.per_question[q.id] = ok;
    score.correct += ok ? 1 : 0;
  }
  return score;
}

// [SECTION] Progress

double LessonCompletion(const Lesson& lesson, const LessonProgress& progress) {
  if (lesson.steps.empty()) return 0;
  int done = 0;
  for (const Step& s : lesson.steps) done += progress.completed_steps.count(s.id) ? 1 : 0;
  return static_cast<double>(done) / static_cast<double>(lesson.steps.size());
}

Json ProgressToJson(const Progress& progress) {
  Json lessons = Json::object();
  for (const auto& [id, p] : progress.lessons) {
    Json answers = Json::object();
    for (const auto& [q, chosen] : p.quiz_answers) answers[q] = chosen;
    lessons[id] = {{"currentStep", p.current_step},
                   {"completedSteps", p.completed_steps},
                   {"shownSolutions", p.shown_solutions},
                   {"hintsUsed", p.hints_used},
                   {"quizAnswers", answers},
                   {"quizSubmitted", p.quiz_submitted},
                   {"quizCorrect", p.quiz_correct},
                   {"quizTotal", p.quiz_total},
                   {"updatedMs", p.updated_ms}};
  }
  return {{"format", "ddb-sandbox-progress/1"}, {"learner", progress.learner}, {"lab", progress.lab_id}, {"lessons", lessons}};
}

bool ProgressFromJson(std::string_view text, Progress* out, std::string* error) {
  const Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || j.value("format", std::string()) != "ddb-sandbox-progress/1") {
    if (error) *error = "not a progress file (expected \"format\": \"ddb-sandbox-progress/1\")";
    return false;
  }
  Progress p;
  if (j.contains("learner") && j["learner"].is_string()) p.learner = j["learner"].get<std::string>();
  if (j.contains("lab") && j["lab"].is_string()) p.lab_id = j["lab"].get<std::string>();
  if (j.contains("lessons") && j["lessons"].is_object()) {
    for (auto it = j["lessons"].begin(); it != j["lessons"].end(); ++it) {
      const Json& l = it.value();
      if (!l.is_object()) continue;
      LessonProgress lp;
      auto int_of = [&](const char* key) -> int64_t {
        return l.contains(key) && l.at(key).is_number_integer() ? l.at(key).get<int64_t>() : 0;
      };
      auto strings_of = [&](const char* key, std::set<std::string>* set) {
        if (!l.contains(key) || !l.at(key).is_array()) return;
        for (const Json& s : l.at(key))
          if (s.is_string()) set->insert(s.get<std::string>());
      };
      lp.current_step = static_cast<int>(std::max<int64_t>(0, int_of("currentStep")));
      strings_of("completedSteps", &lp.completed_steps);
      strings_of("shownSolutions", &lp.shown_solutions);
      lp.hints_used = static_cast<int>(int_of("hintsUsed"));
      lp.quiz_submitted = l.contains("quizSubmitted") && l.at("quizSubmitted").is_boolean() && l.at("quizSubmitted").get<bool>();
      lp.quiz_correct = static_cast<int>(int_of("quizCorrect"));
      lp.quiz_total = static_cast<int>(int_of("quizTotal"));
      lp.updated_ms = int_of("updatedMs");
      if (l.contains("quizAnswers") && l.at("quizAnswers").is_object()) {
        for (auto q = l.at("quizAnswers").begin(); q != l.at("quizAnswers").end(); ++q) {
          if (!q.value().is_array()) continue;
          std::vector<int> chosen;
          for (const Json& c : q.value())
            if (c.is_number_integer()) chosen.push_back(c.get<int>());
          lp.quiz_answers[q.key()] = std::move(chosen);
        }
      }
      p.lessons[it.key()] = std::move(lp);
    }
  }
  *out = std::move(p);
  return true;
}

// [SECTION] Reports

Json ReportJson(const Catalogue& catalogue, const Progress& progress, std::string_view generated_at) {
  Json lessons = Json::array();
  int steps_done = 0, steps_total = 0, quiz_correct = 0, quiz_total = 0;
  for (const Lesson& lesson : catalogue.lessons) {
    const auto it = progress.lessons.find(lesson.id);
    const LessonProgress empty;
    const LessonProgress& p = it == progress.lessons.end() ? empty : it->second;
    Json steps = Json::array();
    int done = 0;
    for (const Step& s : lesson.steps) {
      const bool completed = p.completed_steps.count(s.id) > 0;
      done += completed ? 1 : 0;
      steps.push_back({{"id", s.id}, {"title", s.title}, {"completed", completed},
                       {"usedShowMe", p.shown_solutions.count(s.id) > 0}});
    }
    const QuizScore score = ScoreQuiz(lesson, p.quiz_answers);
    Json questions = Json::array();
    for (const QuizQuestion& q : lesson.quiz) {
      Json entry = {{"id", q.id}, {"prompt", MarkupToPlainText(q.prompt)}};
      const auto a = p.quiz_answers.find(q.id);
      if (a != p.quiz_answers.end() && !a->second.empty()) {
        Json chosen = Json::array();
        for (int c : a->second)
          if (c >= 0 && static_cast<size_t>(c) < q.options.size()) chosen.push_back(q.options[static_cast<size_t>(c)].text);
        entry["answer"] = chosen;
        entry["correct"] = score.per_question.at(q.id);
      } else {
        entry["answer"] = nullptr;
      }
      questions.push_back(entry);
    }
    steps_done += done;
    steps_total += static_cast<int>(lesson.steps.size());
    if (p.quiz_submitted) {
      quiz_correct += score.correct;
      quiz_total += score.total;
    }
    lessons.push_back({{"id", lesson.id},
                       {"title", lesson.title},
                       {"domain", lesson.domain},
                       {"started", it != progress.lessons.end()},
                       {"stepsCompleted", done},
                       {"stepsTotal", lesson.steps.size()},
                       {"hintsUsed", p.hints_used},
                       {"steps", steps},
                       {"quizSubmitted", p.quiz_submitted},
                       {"quizCorrect", score.correct},
                       {"quizTotal", score.total},
                       {"questions", questions}});
  }
  return {{"format", "ddb-sandbox-report/1"},
          {"generatedAt", std::string(generated_at)},
          {"learner", progress.learner},
          {"lab", progress.lab_id},
          {"summary", {{"stepsCompleted", steps_done}, {"stepsTotal", steps_total}, {"quizCorrect", quiz_correct},
                       {"quizTotal", quiz_total}}},
          {"lessons", lessons}};
}

std::string ReportMarkdown(const Catalogue& catalogue, const Progress& progress, std::string_view generated_at) {
  const Json r = ReportJson(catalogue, progress, generated_at);
  std::string md = "# DynamoDB Sandbox: learner report\n\n";
  md += "- Learner: " + (progress.learner.empty() ? std::string("(not given)") : progress.learner) + "\n";
  if (!progress.lab_id.empty()) md += "- Lab: " + progress.lab_id + "\n";
  md += "- Generated: " + std::string(generated_at) + "\n";
  const Json& s = r["summary"];
  md += "- Steps completed: " + std::to_string(s["stepsCompleted"].get<int>()) + " of " +
        std::to_string(s["stepsTotal"].get<int>()) + "\n";
  md += "- Quiz answers correct (submitted quizzes): " + std::to_string(s["quizCorrect"].get<int>()) + " of " +
        std::to_string(s["quizTotal"].get<int>()) + "\n\n";
  md += "| Lesson | Steps | Show me used | Hints | Quiz |\n|---|---|---|---|---|\n";
  for (const Json& l : r["lessons"]) {
    int shown = 0;
    for (const Json& st : l["steps"]) shown += st["usedShowMe"].get<bool>() ? 1 : 0;
    md += "| " + l["title"].get<std::string>() + " | " + std::to_string(l["stepsCompleted"].get<int>()) + "/" +
          std::to_string(l["stepsTotal"].get<int>()) + " | " + std::to_string(shown) + " | " +
          std::to_string(l["hintsUsed"].get<int>()) + " | " +
          (l["quizSubmitted"].get<bool>() ? std::to_string(l["quizCorrect"].get<int>()) + "/" + std::to_string(l["quizTotal"].get<int>())
                                           : std::string("not taken")) +
          " |\n";
  }
  for (const Json& l : r["lessons"]) {
    if (!l["started"].get<bool>()) continue;
    md += "\n## " + l["title"].get<std::string>() + "\n\n";
    for (const Json& st : l["steps"]) {
      md += std::string("- [") + (st["completed"].get<bool>() ? "x" : " ") + "] " + st["title"].get<std::string>() +
            (st["usedShowMe"].get<bool>() ? " (used show me)" : "") + "\n";
    }
    bool any = false;
    for (const Json& q : l["questions"]) {
      if (q["answer"].is_null()) continue;
      if (!any) md += "\nQuiz answers:\n\n";
      any = true;
      std::string answer;
      for (const Json& a : q["answer"]) answer += (answer.empty() ? "" : "; ") + a.get<std::string>();
      md += std::string("- ") + (q["correct"].get<bool>() ? "right" : "wrong") + ": " + q["id"].get<std::string>() +
            ": " + answer + "\n";
    }
  }
  return md;
}

}  // namespace ddb::lessons
