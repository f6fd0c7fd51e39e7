// Small helpers shared by the expression suites: build placeholder maps and values tersely.
#pragma once

#include <map>
#include <string>

#include "ddb/attribute_value.h"
#include "expr/expr.h"

namespace ddb::expr::testing {

inline AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
inline AttributeValue N(const std::string& n) { return AttributeValue::N(Number::Parse(n).value()); }

// Owns the placeholder maps a Placeholders points into.
struct Ph {
  std::map<std::string, std::string> names;
  std::map<std::string, AttributeValue> values;
  Placeholders ph;
  Ph(std::map<std::string, std::string> n = {}, std::map<std::string, AttributeValue> v = {})
      : names(std::move(n)), values(std::move(v)) {
    ph.names = &names;
    ph.values = &values;
  }
};

}  // namespace ddb::expr::testing
