// The two validation layers of the service's front end and their wording (see value_layer.h).
#include "json/value_layer.h"

#include <string>

#include "ops/common.h"

namespace ddb::json {

Status CurrentValueWording(Status s) {
  if (s.ok() || s.type() != ErrorType::kValidation) return s;
  const std::string& m = s.message();
  if (m == "The parameter cannot be converted to a numeric value") return s.Reworded(m + ": ");
  if (m == "Input collection contains duplicates")
    return s.Reworded("One or more parameter values were invalid: Input collection contains duplicates.");
  return s;
}

Status WriteRequestError(Status s) { return ops::Enveloped(CurrentValueWording(std::move(s))); }

}  // namespace ddb::json
