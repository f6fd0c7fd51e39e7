#!/usr/bin/env python3
"""The layers the build keeps sealed (issue 15). Fails, naming file and line, when:
  1. a file under web/ includes an engine/src header (by path, or by the name of a header that only
     engine/src has), or reaches an engine internal: the hooks of engine/src/engine_internal.h, the
     opaque Engine::Rep, the Region-level dispatch, a scratch Engine or Sandbox of its own;
  2. a file under web/ branches on an error message's text (errors carry fields: Status::field(),
     JsonResponse::error_field);
  3. a public header (engine/include/ddb) includes an engine/src header or names a type that only
     engine/src defines.
Usage: check_layers.py [ROOT]   (default: the repository this file is in)."""
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
SRC = os.path.join(ROOT, "engine", "src")
PUBLIC = os.path.join(ROOT, "engine", "include", "ddb")
WEB = os.path.join(ROOT, "web")

# The engine's internal hooks (engine/src/engine_internal.h) and other ways around the public API.
INTERNAL_CALLS = [
    "FindMutableTable", "GetDataTable", "Publish", "SkipChange", "ChangeHasConsumers", "ApplyToIndexes",
    "Streams", "StreamsIfAny", "Ttl", "TtlIfAny", "Triggers", "Kinesis", "Backups", "BackupsIfAny",
    "HandleRegionRequest", "ValidateRegionRequest", "HandleSandboxControl",
    # the hooks engine.h had before the boundary was sealed
    "mutable_options", "stream_store", "ttl_manager", "ttl_manager_if_any", "backup_store", "backup_store_if_any",
]
INTERNAL_MEMBERS = ["rep", "triggers", "kinesis"]  # engine.rep(), engine.triggers(), engine.kinesis()


def files(folder, exts):
    for dirpath, _, names in os.walk(folder):
        for n in sorted(names):
            if n.endswith(exts):
                yield os.path.join(dirpath, n)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def strip_strings(line):
    """The line with the contents of its string and character literals blanked."""
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', line)


def internal_headers():
    """Include spellings of every engine/src header that has no public twin ("table.h", "ttl/ttl.h")."""
    out = set()
    for path in files(SRC, (".h",)):
        rel = os.path.relpath(path, SRC).replace(os.sep, "/")
        out.add(rel)
        out.add(os.path.basename(rel))
    public = {os.path.basename(p) for p in files(PUBLIC, (".h",))}
    return {h for h in out if h not in public}


def internal_types():
    """Names of classes and structs engine/src defines and no public header declares. A public class
    may name an opaque nested type it defines privately (Engine::Rep, the pimpl idiom): a forward
    declaration inside a class counts as public; one at namespace scope ("class Table;") does not."""
    decl = re.compile(r"^\s*(?:class|struct)\s+([A-Z][A-Za-z0-9_]*)\s*(?:final\s*)?[:{]", re.M)
    nested_forward = re.compile(r"^[ \t]+(?:class|struct)\s+([A-Z][A-Za-z0-9_]*)\s*;", re.M)
    internal = set()
    for path in files(SRC, (".h",)):
        internal.update(decl.findall(strip_comments(open(path, encoding="utf-8").read())))
    public = set()
    for path in files(PUBLIC, (".h",)):
        code = strip_comments(open(path, encoding="utf-8").read())
        public.update(decl.findall(code))
        public.update(nested_forward.findall(code))
    return internal - public


def main():
    problems = []
    inc = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
    hidden_headers = internal_headers()
    web_local = {os.path.relpath(p, WEB).replace(os.sep, "/") for p in files(WEB, (".h", ".hpp"))}
    web_local |= {os.path.basename(p) for p in web_local}
    call = re.compile(r"(?<![\w.])(" + "|".join(INTERNAL_CALLS) + r")\s*\(")
    member = re.compile(r"[.>](" + "|".join(INTERNAL_MEMBERS + INTERNAL_CALLS) + r")\s*\(")
    scratch = re.compile(r"(?:\bddb::)?\b(Engine|Sandbox)\s+[a-z_][A-Za-z0-9_]*\s*[;({]|make_unique<\s*(?:ddb::)?(Engine|Sandbox)\s*>")
    # An error's text: MessageOf(r) / ErrorMessage(r) / status.message() / body["message"], directly or
    # through a variable holding it.
    error_text = r'(?:MessageOf\(|ErrorMessage\(|\.message\(\)|\["[Mm]essage"\]|value\("[Mm]essage")'
    look = r"\s*\.\s*(?:find|rfind|starts_with|ends_with|compare)\s*\("
    direct = re.compile(error_text + r"[^;]*?\)?" + look)
    holder = re.compile(r"\b([a-z_][A-Za-z0-9_]*)\s*=\s*[^;=]*" + error_text)
    for path in files(WEB, (".cpp", ".h", ".cc", ".hpp")):
        rel = os.path.relpath(path, ROOT)
        raw = open(path, encoding="utf-8").read()
        code = strip_comments(raw)
        holders = {}  # variable -> line where it took an error's text (a function's span: 40 lines)
        for n, line in enumerate(code.split("\n"), 1):
            bare = strip_strings(line)
            for h in inc.findall(line):
                if "engine/src" in h or (h in hidden_headers and h not in web_local):
                    problems.append(f"{rel}:{n}: includes the engine's internal header \"{h}\"")
            for m in call.finditer(bare):
                problems.append(f"{rel}:{n}: calls the engine internal {m.group(1)}()")
            for m in member.finditer(bare):
                problems.append(f"{rel}:{n}: reaches the engine internal .{m.group(1)}()")
            if scratch.search(bare) and not (rel == os.path.join("web", "app.cpp") and "static ddb::Sandbox" in line):
                problems.append(f"{rel}:{n}: makes an Engine or Sandbox of its own (dry runs are ValidateRequest)")
            for v in holder.findall(line):
                holders[v] = n
            live = sorted(v for v, at in holders.items() if n - at <= 40)
            held = re.compile(r"\b(" + "|".join(live) + r")" + look) if live else None
            if direct.search(line) or (held and held.search(line)):
                problems.append(f"{rel}:{n}: looks into an error message's text: use JsonResponse::error_field / error_type")
    hidden_types = internal_types()
    word = re.compile(r"\b(" + "|".join(sorted(hidden_types)) + r")\b") if hidden_types else None
    for path in files(PUBLIC, (".h",)):
        rel = os.path.relpath(path, ROOT)
        code = strip_comments(open(path, encoding="utf-8").read())
        for n, line in enumerate(code.split("\n"), 1):
            for h in inc.findall(line):
                if "engine/src" in h or (not h.startswith("ddb/") and h in hidden_headers):
                    problems.append(f"{rel}:{n}: the public API includes the internal header \"{h}\"")
            if word:
                for m in word.finditer(strip_strings(line)):
                    if re.match(r"\s*\(", line[m.end():]):
                        continue  # a function of the same name
                    problems.append(f"{rel}:{n}: the public API names the internal type {m.group(1)}")
    if problems:
        print("layering check failed:\n  " + "\n  ".join(problems))
        return 1
    print(f"layering check: web/ reaches the engine only through requests and the const public API; "
          f"engine/include/ddb names none of {len(hidden_types)} internal types")
    return 0


if __name__ == "__main__":
    sys.exit(main())
