// A lesson catalogue: the lesson, lab and glossary files of a folder (or given as strings), each
// parsed by loader.cc, then the rules across files (unique ids, prerequisites and lab lessons that
// name loaded lessons), and the lookups on the result. A broken file is listed with its problems
// and never stops the others from loading.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "ddb/lessons.h"

namespace ddb::lessons {
namespace {

std::string DisplayName(const std::filesystem::path& dir, const std::filesystem::path& file) {
  std::filesystem::path base = dir.filename();
  if (base.empty()) base = dir.parent_path().filename();  // "lessons/" -> "lessons"
  return (base / std::filesystem::relative(file, dir)).generic_string();
}

// With stdio rather than iostreams: this is the web build's only stream, and without it the Wasm
// binary carries no iostream or locale code.
bool ReadFile(const std::filesystem::path& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  out->clear();
  char buf[64 * 1024];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

bool IsLabFile(std::string_view name) {
  return name.rfind("labs/", 0) == 0 || name.find("/labs/") != std::string_view::npos;
}
bool IsGlossaryFile(std::string_view name) {
  return name == "glossary.json" || (name.size() >= 14 && name.substr(name.size() - 14) == "/glossary.json");
}

void FinishCatalogue(Catalogue* cat) {
  std::sort(cat->lessons.begin(), cat->lessons.end(), [](const Lesson& a, const Lesson& b) { return a.file < b.file; });
  std::sort(cat->glossary.begin(), cat->glossary.end(),
            [](const GlossaryTerm& a, const GlossaryTerm& b) { return a.term < b.term; });
  // Cross-file rules: ids are unique; prerequisites and lab lessons name loaded lessons.
  std::set<std::string> ids;
  std::vector<Lesson> kept;
  for (Lesson& l : cat->lessons) {
    if (!ids.insert(l.id).second) {
      cat->broken.push_back({l.file, {l.file + ": id: another lesson already uses the id '" + l.id + "'"}});
      continue;
    }
    kept.push_back(std::move(l));
  }
  cat->lessons = std::move(kept);
  for (auto it = cat->lessons.begin(); it != cat->lessons.end();) {
    std::vector<std::string> errors;
    for (size_t i = 0; i < it->prerequisites.size(); ++i) {
      if (!ids.count(it->prerequisites[i])) {
        errors.push_back(it->file + ": prerequisites[" + std::to_string(i) + "]: no lesson has the id '" +
                         it->prerequisites[i] + "'");
      }
    }
    if (errors.empty()) {
      ++it;
    } else {
      cat->broken.push_back({it->file, std::move(errors)});
      it = cat->lessons.erase(it);
    }
  }
  for (auto it = cat->labs.begin(); it != cat->labs.end();) {
    std::vector<std::string> errors;
    for (size_t i = 0; i < it->lessons.size(); ++i) {
      if (!cat->FindLesson(it->lessons[i])) {
        errors.push_back(it->file + ": lessons[" + std::to_string(i) + "]: no lesson has the id '" + it->lessons[i] + "'");
      }
    }
    if (errors.empty()) {
      ++it;
    } else {
      cat->broken.push_back({it->file, std::move(errors)});
      it = cat->labs.erase(it);
    }
  }
  std::sort(cat->broken.begin(), cat->broken.end(), [](const BrokenFile& a, const BrokenFile& b) { return a.file < b.file; });
}

void AddFile(Catalogue* cat, const std::string& name, const std::string& display, const std::string& text) {
  std::vector<std::string> errors;
  if (IsGlossaryFile(name)) {
    std::vector<GlossaryTerm> terms;
    if (ParseGlossary(display, text, &terms, &errors)) {
      cat->glossary.insert(cat->glossary.end(), terms.begin(), terms.end());
    } else {
      cat->broken.push_back({display, std::move(errors)});
    }
  } else if (IsLabFile(name)) {
    Lab lab;
    if (ParseLab(display, text, &lab, &errors)) cat->labs.push_back(std::move(lab));
    else cat->broken.push_back({display, std::move(errors)});
  } else {
    Lesson lesson;
    if (ParseLesson(display, text, &lesson, &errors)) cat->lessons.push_back(std::move(lesson));
    else cat->broken.push_back({display, std::move(errors)});
  }
}

}  // namespace

// [SECTION] Lookups

const Step* Lesson::FindStep(std::string_view step_id) const {
  for (const Step& s : steps)
    if (s.id == step_id) return &s;
  return nullptr;
}

int Lesson::StepIndex(std::string_view step_id) const {
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i].id == step_id) return static_cast<int>(i);
  return -1;
}

const Lesson* Catalogue::FindLesson(std::string_view id) const {
  for (const Lesson& l : lessons)
    if (l.id == id) return &l;
  return nullptr;
}

const Lab* Catalogue::FindLab(std::string_view id) const {
  for (const Lab& l : labs)
    if (l.id == id) return &l;
  return nullptr;
}

// [SECTION] Catalogues

Catalogue LoadCatalogueFromDirectory(const std::string& dir) {
  Catalogue cat;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root(dir);
  if (!fs::is_directory(root, ec)) {
    cat.broken.push_back({dir, {dir + ": (folder): not found or not a folder"}});
    return cat;
  }
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    const std::string rel = fs::relative(f, root).generic_string();
    const std::string display = DisplayName(root, f);
    std::string text;
    if (!ReadFile(f, &text)) {
      cat.broken.push_back({display, {display + ": (file): could not be read"}});
      continue;
    }
    AddFile(&cat, rel, display, text);
  }
  FinishCatalogue(&cat);
  return cat;
}

Catalogue LoadCatalogueFromStrings(const std::vector<std::pair<std::string, std::string>>& files) {
  Catalogue cat;
  for (const auto& [name, text] : files) AddFile(&cat, name, name, text);
  FinishCatalogue(&cat);
  return cat;
}

}  // namespace ddb::lessons
