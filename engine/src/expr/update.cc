// UpdateExpression compilation: parse, resolve placeholders, and DynamoDB's checks (each section
// once, no overlapping or conflicting paths, only if_not_exists / list_append as functions, the
// constant operand types of ADD, DELETE, +, - and list_append). Message priority follows the
// service (as mirrored by dynalite's updateParser): reserved word, unknown function, repeated
// section, undefined name, undefined value, path overlap, path conflict, operand type, function.
#include <string>

#include "expr/compiled.h"
#include "expr/expr.h"
#include "expr/parser.h"
#include "expr/resolve.h"

namespace ddb::expr {
namespace {

const char* OperandTypeWord(AttrType t) {
  switch (t) {
    case AttrType::kS: return "STRING";
    case AttrType::kN: return "NUMBER";
    case AttrType::kB: return "BINARY";
    case AttrType::kNULL: return "NULL";
    case AttrType::kBOOL: return "BOOLEAN";
    case AttrType::kL: return "LIST";
    case AttrType::kM: return "MAP";
    default: return nullptr;  // sets are valid operands of ADD and DELETE
  }
}

class UpdateChecker {
 public:
  UpdateChecker(Placeholders& ph) : ph_(ph) {}

  void CheckValue(Node& n) {
    switch (n.kind) {
      case Node::Kind::kPath: ResolvePath(&n, ph_, errs_, errs_.attr_name); return;
      case Node::Kind::kValue: ResolveValue(&n, ph_, errs_.attr_value); return;
      case Node::Kind::kPlus:
      case Node::Kind::kMinus:
        for (Node& c : n.children) CheckValue(c);
        CheckArithmetic(n.kind == Node::Kind::kPlus ? "+" : "-", n.children);
        return;
      case Node::Kind::kFunction: break;
      default: return;
    }
    for (Node& c : n.children) CheckValue(c);
    if (n.func_name == "if_not_exists") {
      n.func = Func::kIfNotExists;
    } else if (n.func_name == "list_append") {
      n.func = Func::kListAppend;
    } else {
      CheckErrors::Set(errs_.unknown_function, "Invalid function name; function: " + n.func_name);
      return;
    }
    if (n.children.size() != 2) {
      CheckErrors::Set(errs_.function, "Incorrect number of operands for operator or function; operator or function: " +
                                           n.func_name + ", number of operands: " + std::to_string(n.children.size()));
      return;
    }
    if (n.func == Func::kIfNotExists) {
      if (n.children[0].kind != Node::Kind::kPath)
        CheckErrors::Set(errs_.function,
                         "Operator or function requires a document path; operator or function: if_not_exists");
      return;
    }
    for (const Node& c : n.children)
      if (c.kind == Node::Kind::kFunction && c.func == Func::kListAppend) {  // DynamoDB rejects nesting list_append
        CheckErrors::Set(errs_.function, "The function is not allowed to be used this way in an expression; function: list_append");
        return;
      }
    for (const Node& c : n.children)
      if (c.kind == Node::Kind::kValue && c.value_resolved && !c.value.is(AttrType::kL)) {
        CheckErrors::Set(errs_.function, "Incorrect operand type for operator or function; operator or function: "
                                         "list_append, operand type: " + std::string(TypeName(c.value)));
        return;
      }
  }

  void CheckArithmetic(const char* op, const std::vector<Node>& args) {
    for (const Node& c : args)
      if (c.kind == Node::Kind::kValue && c.value_resolved && !c.value.is(AttrType::kN)) {
        CheckErrors::Set(errs_.function, std::string("Incorrect operand type for operator or function; operator or "
                                                     "function: ") + op + ", operand type: " + TypeName(c.value));
        return;
      }
  }

  void CheckAction(UpdateAction& a) {
    ResolvePath(&a.target, ph_, errs_, errs_.attr_name);
    for (const Path* earlier : paths_) CheckPathAgainst(*earlier, a.target.path, errs_);
    paths_.push_back(&a.target.path);
    if (a.type == UpdateAction::Type::kRemove) return;
    CheckValue(a.value);
    if (a.type == UpdateAction::Type::kSet || !a.value.value_resolved) return;
    const char* word = OperandTypeWord(a.value.value.type());
    bool is_add = a.type == UpdateAction::Type::kAdd;
    if (word && !(is_add && a.value.value.is(AttrType::kN)))
      CheckErrors::Set(errs_.operand, std::string("Incorrect operand type for operator or function; operator: ") +
                                          (is_add ? "ADD" : "DELETE") + ", operand type: " + word);
  }

  std::string FirstError(const std::string& repeated_section) {
    if (!repeated_section.empty())
      CheckErrors::Set(errs_.section,
                       "The \"" + repeated_section + "\" section can only be used once in an update expression;");
    for (const std::string* s : {&errs_.reserved, &errs_.unknown_function, &errs_.section, &errs_.attr_name,
                                 &errs_.attr_value, &errs_.path_overlap, &errs_.path_conflict, &errs_.operand,
                                 &errs_.function})
      if (!s->empty()) return *s;
    return {};
  }

 private:
  Placeholders& ph_;
  CheckErrors errs_;
  std::vector<const Path*> paths_;
};

}  // namespace

Result<std::shared_ptr<const Update>> ParseUpdate(std::string_view text, Placeholders& ph) {
  const std::string prefix = "Invalid UpdateExpression: ";
  if (text.empty()) return Status::Validation(prefix + "The expression can not be empty;");
  if (text.size() > kMaxExpressionBytes)  // no "expression size: N" here (see ParseCondition)
    return Status::Validation(prefix + "Expression size has exceeded the maximum allowed size;");
  Parser parser(text);
  auto update = std::make_shared<Update>();
  if (!parser.ParseUpdateRoot(&update->actions)) return Status::Validation(prefix + parser.SyntaxError());
  if (parser.operator_count() > kMaxOperators)
    return Status::Validation(prefix + "The expression contains too many operators; operator count: " +
                              std::to_string(kMaxOperators + 1));
  UpdateChecker checker(ph);
  for (UpdateAction& a : update->actions) checker.CheckAction(a);
  std::string err = checker.FirstError(parser.repeated_section());
  if (!err.empty()) return Status::Validation(prefix + err);
  return std::shared_ptr<const Update>(std::move(update));
}

std::vector<std::string> UpdatedTopLevelNames(const Update& u) {
  std::vector<std::string> out;
  for (const UpdateAction& a : u.actions) {
    const std::string& name = a.target.path[0].name;
    bool seen = false;
    for (const std::string& s : out) seen = seen || s == name;
    if (!seen) out.push_back(name);
  }
  return out;
}

bool OnlyRemovesOrDeletes(const Update& u) {
  for (const UpdateAction& a : u.actions)
    if (a.type != UpdateAction::Type::kRemove && a.type != UpdateAction::Type::kDelete) return false;
  return true;
}

}  // namespace ddb::expr
