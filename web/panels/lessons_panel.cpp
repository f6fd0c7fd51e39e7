// Lessons panel: displays the lesson runner (ddb/lessons.h) and nothing more. Catalogue with
// progress (and broken files with their errors), the current step with its live check (re-run a few
// times a second), hints, "show me" (sent through ctx.Request, so the API console logs it), reset;
// quiz mode with scoring and explanations; the glossary; labs, the report export and sandbox files.
// Progress persists through platform.h's blobs ("lesson-progress").
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app.h"
#include "ddb/iso_time.h"
#include "ddb/lessons.h"
#include "lesson_progress.h"
#include "platform.h"

namespace ddb::app {
namespace {

namespace ls = ddb::lessons;

constexpr double kCheckIntervalMs = 300;  // live check re-evaluation period (real time)

double RealMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Draws markup blocks with wrapped text; emphasis in the accent colour, code in the mono font.
void DrawMarkup(AppContext& ctx, const std::string& text) {
  for (const ls::Block& b : ls::ParseMarkup(text)) {
    if (b.kind == ls::BlockKind::kHeading) {
      std::string t;
      for (const ls::Span& s : b.spans) t += s.text;
      ImGui::SeparatorText(t.c_str());
      continue;
    }
    if (b.kind == ls::BlockKind::kBullet) {
      ImGui::Bullet();
      ImGui::SameLine();
    } else if (b.kind == ls::BlockKind::kNumbered) {
      ImGui::Text("%d.", b.level);
      ImGui::SameLine();
    }
    // Wrapped runs: ImGui wraps each TextWrapped call separately, so join spans into one line of
    // text, marking code with the mono font only when the block is a single code span.
    std::string line;
    bool only_code = b.spans.size() == 1 && b.spans[0].style == ls::SpanStyle::kCode;
    for (const ls::Span& s : b.spans) line += s.style == ls::SpanStyle::kCode && !only_code ? "'" + s.text + "'" : s.text;
    if (only_code && ctx.mono_font()) ImGui::PushFont(ctx.mono_font());
    ImGui::TextWrapped("%s", line.c_str());
    if (only_code && ctx.mono_font()) ImGui::PopFont();
  }
}

// How the runner's requests reach the sandbox: a solution the learner asked to see goes through the
// API console's log; live checks, labs and sandbox files are quiet (still requests, not logged).
// A lesson request that names a Region goes there (lessons on Global Tables); the others go to the
// Region selected in the top bar.
ls::Sender Logged(AppContext& ctx) {
  return [&ctx](std::string_view target, std::string_view body, std::string_view region) { return ctx.RequestTarget(target, body, region); };
}
ls::Sender Quiet(AppContext& ctx) {
  return [&ctx](std::string_view target, std::string_view body, std::string_view region) { return ctx.Peek(target, body, region); };
}

class LessonsPanel final : public Panel {
 public:
  const char* Title() const override { return "Lessons"; }
  ImVec2 DefaultSize() const override { return ImVec2(560, 640); }
  ImVec2 DefaultPos() const override { return ImVec2(700, 60); }

  std::string TestState() const override {
    nlohmann::json completed = nlohmann::json::object();
    for (const auto& [id, p] : progress_.lessons) completed[id] = p.completed_steps;
    nlohmann::json s = {{"lessons", catalogue_.lessons.size()},
                        {"broken", catalogue_.broken.size()},
                        {"lesson", lesson_id_},
                        {"step", CurrentStepIndex()},
                        {"checkPassed", check_.passed},
                        {"completed", completed},
                        {"lab", progress_.lab_id},
                        {"status", status_}};
    return s.dump();
  }

  void DrawContent(AppContext& ctx) override {
    if (!loaded_) Load(ctx);
    PollStartupLab(ctx);
    if (ImGui::BeginTabBar("lessons.tabs")) {
      if (ImGui::BeginTabItem("Lessons")) {
        DrawLessons(ctx);
        ImGui::EndTabItem();
      }
      ctx.TagItem("lessons.tab.lessons");
      if (ImGui::BeginTabItem("Quiz")) {
        DrawQuiz(ctx);
        ImGui::EndTabItem();
      }
      ctx.TagItem("lessons.tab.quiz");
      if (ImGui::BeginTabItem("Glossary")) {
        DrawGlossary();
        ImGui::EndTabItem();
      }
      ctx.TagItem("lessons.tab.glossary");
      if (ImGui::BeginTabItem("Labs & report")) {
        DrawLabs(ctx);
        ImGui::EndTabItem();
      }
      ctx.TagItem("lessons.tab.labs");
      ImGui::EndTabBar();
    }
    SaveProgressIfChanged();
  }

 private:
  // [SECTION] State

  void Load(AppContext& ctx) {
    loaded_ = true;
    catalogue_ = ls::LoadCatalogueFromDirectory(LessonsDirectory());
    if (std::optional<std::string> text = LoadBlob("lesson-progress")) {
      std::string error;
      ls::ProgressFromJson(*text, &progress_, &error);
      saved_progress_ = *text;
    }
    if (!catalogue_.lessons.empty()) lesson_id_ = catalogue_.lessons.front().id;
    // The most recently touched lesson is where the learner left off.
    int64_t latest = -1;
    for (const auto& [id, p] : progress_.lessons) {
      if (p.updated_ms > latest && catalogue_.FindLesson(id)) {
        latest = p.updated_ms;
        lesson_id_ = id;
      }
    }
    // Labs: ?lab=<name or URL> in the browser, --lab FILE on the desktop.
    std::string lab = StartupParameter("lab");
    if (lab.empty()) lab = LabOption();
    if (!lab.empty()) {
      if (const ls::Lab* known = catalogue_.FindLab(lab)) {
        ApplyLabToSandbox(ctx, *known);
      } else {
        status_ = "Loading lab " + lab + "...";
        FetchText(lab, [this, lab](bool ok, std::string text) {
          pending_lab_ = ok ? std::optional<std::string>(std::move(text)) : std::nullopt;
          pending_lab_name_ = lab;
          pending_lab_error_ = ok ? "" : text;
          pending_lab_ready_ = true;
        });
      }
    }
  }

  void PollStartupLab(AppContext& ctx) {
    if (!pending_lab_ready_) return;
    pending_lab_ready_ = false;
    if (!pending_lab_) {
      status_ = "Lab " + pending_lab_name_ + ": " + pending_lab_error_;
      return;
    }
    OpenFileText(ctx, pending_lab_name_, *pending_lab_);
  }

  // A picked or fetched file: a lab, a sandbox file, or a progress file.
  void OpenFileText(AppContext& ctx, const std::string& name, const std::string& text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object() && j.value("format", "") == "ddb-sandbox/1") {
      std::vector<std::string> warnings;
      std::string error;
      status_ = ls::LoadSandbox(Quiet(ctx), j, &warnings, &error)
                    ? "Opened sandbox " + name + (warnings.empty() ? "" : " (" + warnings.front() + ")")
                    : "Could not open " + name + ": " + error;
      return;
    }
    ls::Lab lab;
    std::vector<std::string> errors;
    if (ls::ParseLab(name, text, &lab, &errors)) {
      ApplyLabToSandbox(ctx, lab);
    } else {
      status_ = errors.empty() ? "Could not read " + name : errors.front();
    }
  }

  void ApplyLabToSandbox(AppContext& ctx, const ls::Lab& lab) {
    std::vector<std::string> warnings;
    std::string error;
    if (!ls::ApplyLab(Quiet(ctx), lab, &warnings, &error)) {
      status_ = "Lab " + lab.title + ": " + error;
      return;
    }
    progress_.lab_id = lab.id;
    lab_ = lab;
    if (!lab.lessons.empty() && catalogue_.FindLesson(lab.lessons.front())) lesson_id_ = lab.lessons.front();
    status_ = "Lab loaded: " + lab.title + (warnings.empty() ? "" : " (" + warnings.front() + ")");
  }

  const ls::Lesson* CurrentLesson() const { return catalogue_.FindLesson(lesson_id_); }
  ls::LessonProgress& CurrentProgress() { return progress_.lessons[lesson_id_]; }
  int CurrentStepIndex() const {
    const auto it = progress_.lessons.find(lesson_id_);
    return it == progress_.lessons.end() ? 0 : it->second.current_step;
  }
  void Touch(AppContext& ctx) { CurrentProgress().updated_ms = ctx.sandbox().clock().NowMillis(); }

  void SaveProgressIfChanged() {
    std::string text = ls::ProgressToJson(progress_).dump();
    if (text != saved_progress_) {
      SaveBlob("lesson-progress", text);
      saved_progress_ = std::move(text);
    }
  }

  // [SECTION] Lessons tab

  void DrawLessons(AppContext& ctx) {
    const float list_w = 190.0f * ctx.ui_scale();
    ImGui::BeginChild("lessons.catalogue", ImVec2(list_w, 0), true);
    if (catalogue_.lessons.empty()) ImGui::TextWrapped("No lessons found in %s.", LessonsDirectory().c_str());
    for (const ls::Lesson& l : catalogue_.lessons) {
      const auto it = progress_.lessons.find(l.id);
      const int pct = it == progress_.lessons.end() ? 0 : static_cast<int>(ls::LessonCompletion(l, it->second) * 100 + 0.5);
      char label[256];
      std::snprintf(label, sizeof(label), "%s%s  %d%%##%s", l.title.c_str(), l.concept_only ? "" : "", pct, l.id.c_str());
      if (ImGui::Selectable(label, l.id == lesson_id_)) {
        lesson_id_ = l.id;
        shown_.clear();
        next_check_ms_ = 0;
      }
      ctx.TagItem(("lessons.catalogue." + l.id).c_str());
    }
    if (!catalogue_.broken.empty()) {
      ImGui::Separator();
      ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "Broken files (%zu)", catalogue_.broken.size());
      for (const ls::BrokenFile& b : catalogue_.broken) {
        ImGui::TextWrapped("%s", b.file.c_str());
        if (ImGui::IsItemHovered()) {
          std::string all;
          for (const std::string& e : b.errors) all += e + "\n";
          ImGui::SetTooltip("%s", all.c_str());
        }
      }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("lessons.step", ImVec2(0, 0), false);
    DrawStep(ctx);
    ImGui::EndChild();
  }

  void DrawStep(AppContext& ctx) {
    const ls::Lesson* lesson = CurrentLesson();
    if (!lesson) {
      ImGui::TextDisabled("Pick a lesson on the left.");
      return;
    }
    ls::LessonProgress& p = CurrentProgress();
    p.current_step = std::clamp(p.current_step, 0, static_cast<int>(lesson->steps.size()) - 1);
    const ls::Step& step = lesson->steps[static_cast<size_t>(p.current_step)];

    ImGui::TextWrapped("%s", lesson->title.c_str());
    ImGui::TextDisabled("%s · about %d min%s", lesson->domain.c_str(), lesson->minutes, lesson->concept_only ? " · concept only" : "");
    ImGui::Text("Step %d of %zu: %s", p.current_step + 1, lesson->steps.size(), step.title.c_str());
    ctx.TagItem("lessons.step.title");
    ImGui::Separator();
    DrawMarkup(ctx, step.text);

    // Live check: re-evaluated every kCheckIntervalMs while the step is shown.
    if (step.check) {
      const double now = RealMs();
      if (now >= next_check_ms_ || check_step_ != lesson->id + "/" + step.id) {
        check_ = ls::EvaluateCheck(Quiet(ctx), step);
        check_step_ = lesson->id + "/" + step.id;
        next_check_ms_ = now + kCheckIntervalMs;
        if (check_.passed && !p.completed_steps.count(step.id)) {
          p.completed_steps.insert(step.id);
          Touch(ctx);
        }
      }
      ImGui::SeparatorText("Check");
      ImGui::TextColored(check_.passed ? ImVec4(0.3f, 0.85f, 0.4f, 1) : ImVec4(0.95f, 0.7f, 0.2f, 1), "%s",
                         check_.passed ? "\u2713 Step complete" : "\u25CB Not yet");
      ctx.TagItem("lessons.check.status");
      for (const ls::AssertionResult& a : check_.assertions) {
        ImGui::TextColored(a.passed ? ImVec4(0.3f, 0.85f, 0.4f, 1) : ImVec4(0.9f, 0.5f, 0.4f, 1), "%s", a.passed ? "\u2713" : "\u2717");
        ImGui::SameLine();
        ImGui::TextWrapped("%s", a.label.c_str());
        if (!a.passed) {
          ImGui::Indent();
          ImGui::TextDisabled("%s", a.reason.c_str());
          ImGui::Unindent();
        }
      }
    } else {
      check_ = ls::CheckResult{false, true, {}};
      check_step_.clear();
    }

    // Hints, one at a time.
    if (!step.hints.empty()) {
      ImGui::SeparatorText("Hints");
      int& revealed = hints_revealed_[lesson->id + "/" + step.id];
      for (int i = 0; i < revealed && i < static_cast<int>(step.hints.size()); ++i) DrawMarkup(ctx, step.hints[static_cast<size_t>(i)]);
      if (revealed < static_cast<int>(step.hints.size())) {
        if (ImGui::SmallButton("Show a hint")) {
          ++revealed;
          ++p.hints_used;
          Touch(ctx);
        }
        ctx.TagItem("lessons.hint");
      }
    }

    ImGui::Separator();
    ImGui::BeginDisabled(step.solution.empty());
    if (ImGui::Button("Show me")) {
      // Logged: the API console shows every request with its response.
      shown_ = ls::RunSolution(Logged(ctx), step);
      p.shown_solutions.insert(step.id);
      next_check_ms_ = 0;
      Touch(ctx);
    }
    ImGui::EndDisabled();
    ctx.TagItem("lessons.showme");
    ImGui::SameLine();
    ImGui::BeginDisabled(p.current_step == 0);
    if (ImGui::Button("Back")) {
      --p.current_step;
      shown_.clear();
    }
    ImGui::EndDisabled();
    ctx.TagItem("lessons.back");
    ImGui::SameLine();
    const bool can_advance = !step.check || check_.passed;
    const bool last = p.current_step + 1 >= static_cast<int>(lesson->steps.size());
    ImGui::BeginDisabled(!can_advance);
    if (ImGui::Button(last ? "Finish" : "Next")) {
      p.completed_steps.insert(step.id);
      if (!last) ++p.current_step;
      shown_.clear();
      next_check_ms_ = 0;
      Touch(ctx);
    }
    ImGui::EndDisabled();
    ctx.TagItem("lessons.next");
    ImGui::SameLine();
    if (ImGui::Button("Reset lesson")) {
      progress_.lessons.erase(lesson->id);
      shown_.clear();
      next_check_ms_ = 0;
    }
    ctx.TagItem("lessons.reset");
    if (last && p.completed_steps.count(step.id)) {
      ImGui::TextColored(ImVec4(0.3f, 0.85f, 0.4f, 1), "Lesson complete: try its quiz.");
    }

    if (!shown_.empty()) {
      ImGui::SeparatorText("Sent by show me (also in the API console)");
      for (const ls::RequestOutcome& o : shown_) {
        std::string body = o.body.size() > 300 ? o.body.substr(0, 300) + "..." : o.body;
        ImGui::Text("%s%s -> %s", o.operation.c_str(), o.sent > 1 ? (" x" + std::to_string(o.sent)).c_str() : "",
                    o.failures == 0 ? "OK" : (std::to_string(o.failures) + " failed: " + o.response.error_type).c_str());
        if (ctx.mono_font()) ImGui::PushFont(ctx.mono_font());
        ImGui::TextWrapped("%s", body.c_str());
        if (o.failures > 0) ImGui::TextWrapped("%s", o.response.body.substr(0, 400).c_str());
        if (ctx.mono_font()) ImGui::PopFont();
      }
    }
  }

  // [SECTION] Quiz tab

  void DrawQuiz(AppContext& ctx) {
    const ls::Lesson* lesson = CurrentLesson();
    if (!lesson || lesson->quiz.empty()) {
      ImGui::TextDisabled("This lesson has no quiz. Pick a lesson in the Lessons tab.");
      return;
    }
    ls::LessonProgress& p = CurrentProgress();
    ImGui::TextWrapped("Quiz: %s", lesson->title.c_str());
    if (p.quiz_submitted) ImGui::Text("Score: %d of %d", p.quiz_correct, p.quiz_total);
    ctx.TagItem("lessons.quiz.score");
    for (size_t qi = 0; qi < lesson->quiz.size(); ++qi) {
      const ls::QuizQuestion& q = lesson->quiz[qi];
      ImGui::PushID(static_cast<int>(qi));
      ImGui::SeparatorText(("Question " + std::to_string(qi + 1) + (q.multiple ? " (choose all that apply)" : "")).c_str());
      DrawMarkup(ctx, q.prompt);
      std::vector<int>& chosen = p.quiz_answers[q.id];
      for (size_t oi = 0; oi < q.options.size(); ++oi) {
        const int o = static_cast<int>(oi);
        bool on = std::find(chosen.begin(), chosen.end(), o) != chosen.end();
        ImGui::PushID(o);
        ImGui::BeginDisabled(p.quiz_submitted);
        bool changed = q.multiple ? ImGui::Checkbox(q.options[oi].text.c_str(), &on) : ImGui::RadioButton(q.options[oi].text.c_str(), on);
        ImGui::EndDisabled();
        ctx.TagItem(("lessons.quiz." + q.id + "." + std::to_string(oi)).c_str());
        if (changed) {
          if (!q.multiple) chosen = {o};
          else if (on) chosen.push_back(o);
          else chosen.erase(std::remove(chosen.begin(), chosen.end(), o), chosen.end());
          Touch(ctx);
        }
        if (p.quiz_submitted) {
          ImGui::Indent();
          ImGui::TextColored(q.options[oi].correct ? ImVec4(0.3f, 0.85f, 0.4f, 1) : ImVec4(0.75f, 0.75f, 0.75f, 1), "%s %s",
                             q.options[oi].correct ? "Correct." : "Wrong.", "");
          ImGui::SameLine();
          ImGui::TextWrapped("%s", q.options[oi].explanation.c_str());
          ImGui::Unindent();
        }
        ImGui::PopID();
      }
      if (p.quiz_submitted) {
        const bool right = ls::IsAnswerCorrect(q, chosen);
        ImGui::TextColored(right ? ImVec4(0.3f, 0.85f, 0.4f, 1) : ImVec4(0.95f, 0.5f, 0.4f, 1), "%s",
                           right ? "\u2713 You answered correctly." : "\u2717 Not quite.");
        for (const std::string& s : q.steps) {
          const int idx = lesson->StepIndex(s);
          if (idx < 0) continue;
          ImGui::SameLine();
          if (ImGui::SmallButton(("Review: " + lesson->steps[static_cast<size_t>(idx)].title).c_str())) p.current_step = idx;
        }
      }
      ImGui::PopID();
    }
    ImGui::Separator();
    if (!p.quiz_submitted) {
      if (ImGui::Button("Submit answers")) {
        const ls::QuizScore score = ls::ScoreQuiz(*lesson, p.quiz_answers);
        p.quiz_submitted = true;
        p.quiz_correct = score.correct;
        p.quiz_total = score.total;
        Touch(ctx);
      }
      ctx.TagItem("lessons.quiz.submit");
    } else {
      if (ImGui::Button("Retake quiz")) {
        p.quiz_submitted = false;
        p.quiz_answers.clear();
      }
      ctx.TagItem("lessons.quiz.retake");
    }
  }

  // [SECTION] Glossary tab

  void DrawGlossary() {
    ImGui::InputTextWithHint("##filter", "Filter terms", filter_, sizeof(filter_));
    std::string f = filter_;
    std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (catalogue_.glossary.empty()) ImGui::TextDisabled("No glossary (lessons/glossary.json).");
    for (const ls::GlossaryTerm& t : catalogue_.glossary) {
      std::string hay = t.term + " " + t.definition;
      std::transform(hay.begin(), hay.end(), hay.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (!f.empty() && hay.find(f) == std::string::npos) continue;
      ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "%s", t.term.c_str());
      ImGui::Indent();
      ImGui::TextWrapped("%s", t.definition.c_str());
      for (const std::string& l : t.lessons) {
        if (const ls::Lesson* lesson = catalogue_.FindLesson(l)) {
          ImGui::SameLine();
          if (ImGui::SmallButton((lesson->title + "##" + t.term + l).c_str())) lesson_id_ = l;
        }
      }
      ImGui::Unindent();
    }
  }

  // [SECTION] Labs & report tab

  void DrawLabs(AppContext& ctx) {
    if (!status_.empty()) ImGui::TextWrapped("%s", status_.c_str());
    ctx.TagItem("lessons.status");
    ImGui::SeparatorText("Learner");
    char name[128];
    std::snprintf(name, sizeof(name), "%s", progress_.learner.c_str());
    if (ImGui::InputText("Your name", name, sizeof(name))) progress_.learner = name;
    ctx.TagItem("lessons.learner");

    ImGui::SeparatorText("Report for your instructor");
    const std::string stamp = ddb::FormatIsoTime(ctx.sandbox().clock().NowMillis());
    if (ImGui::Button("Export report (Markdown)")) {
      const std::string where = SaveTextFile("ddb-sandbox-report.md", ls::ReportMarkdown(catalogue_, progress_, stamp));
      status_ = where.empty() ? "Could not save the report" : "Report saved: " + where;
    }
    ctx.TagItem("lessons.report.md");
    ImGui::SameLine();
    if (ImGui::Button("Export report (JSON)")) {
      const std::string where = SaveTextFile("ddb-sandbox-report.json", ls::ReportJson(catalogue_, progress_, stamp).dump(2));
      status_ = where.empty() ? "Could not save the report" : "Report saved: " + where;
    }
    ctx.TagItem("lessons.report.json");

    ImGui::SeparatorText("Sandbox file");
    if (ImGui::Button("Save sandbox")) {
      nlohmann::json file;
      std::string error;
      if (ls::SaveSandbox(Quiet(ctx), &file, &error)) {
        const std::string where = SaveTextFile("ddb-sandbox.json", file.dump(1));
        status_ = where.empty() ? "Could not save the sandbox" : "Sandbox saved: " + where;
      } else {
        status_ = "Could not save the sandbox: " + error;
      }
    }
    ctx.TagItem("lessons.sandbox.save");
    ImGui::SameLine();
    if (ImGui::Button("Open lab or sandbox file...")) {
      if (!PickTextFile([this, &ctx](std::string file, std::string text) { OpenFileText(ctx, file, text); })) {
        show_path_ = true;
      }
    }
    ctx.TagItem("lessons.open");
    if (show_path_) {
      ImGui::InputTextWithHint("##path", "path/to/lab-or-sandbox.json", path_, sizeof(path_));
      ImGui::SameLine();
      if (ImGui::Button("Open")) {
        FetchText(path_, [this, &ctx](bool ok, std::string text) {
          if (ok) OpenFileText(ctx, path_, text);
          else status_ = text;
        });
      }
    }

    ImGui::SeparatorText("Labs");
    if (lab_) {
      ImGui::Text("Current lab: %s", lab_->title.c_str());
      DrawMarkup(ctx, lab_->instructions);
    }
    for (const ls::Lab& lab : catalogue_.labs) {
      ImGui::PushID(lab.id.c_str());
      if (ImGui::Button("Start")) ApplyLabToSandbox(ctx, lab);
      ctx.TagItem(("lessons.lab." + lab.id).c_str());
      ImGui::SameLine();
      ImGui::TextWrapped("%s (%zu lessons). Replaces the sandbox's tables.", lab.title.c_str(), lab.lessons.size());
      ImGui::PopID();
    }
    ImGui::TextDisabled("Hand out a lab: ?lab=<name or URL> in the browser, --lab FILE on the desktop.");
  }

  // [SECTION] Members

  bool loaded_ = false;
  ls::Catalogue catalogue_;
  ls::Progress progress_;
  std::string saved_progress_;
  std::string lesson_id_;
  ls::CheckResult check_;
  std::string check_step_;
  double next_check_ms_ = 0;
  std::vector<ls::RequestOutcome> shown_;
  std::map<std::string, int> hints_revealed_;
  std::optional<ls::Lab> lab_;
  std::string status_;
  char filter_[64] = "";
  char path_[512] = "";
  bool show_path_ = false;
  std::optional<std::string> pending_lab_;
  std::string pending_lab_name_, pending_lab_error_;
  bool pending_lab_ready_ = false;
};

}  // namespace

std::unique_ptr<Panel> MakeLessonsPanel() { return std::make_unique<LessonsPanel>(); }

}  // namespace ddb::app
