// FilterLogEvents' filterPattern as far as the sandbox reads it: plain terms and quoted phrases,
// every one of which must occur in the message (case-sensitive), as CloudWatch Logs matches them
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). The other
// pattern forms are refused with InvalidParameterException rather than matched differently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/status.h"

namespace ddb::logs {

class FilterPattern {
 public:
  // An empty or blank pattern matches every event. Errors: InvalidParameterException for an
  // unterminated quote and for the forms the sandbox does not match: JSON ({ $.x = ... }),
  // space-delimited ([a, b]), ?OR terms, -exclusions and %regular expressions%.
  static Result<FilterPattern> Parse(std::string_view pattern);
  bool Matches(std::string_view message) const;
  const std::vector<std::string>& terms() const { return terms_; }

 private:
  std::vector<std::string> terms_;
};

}  // namespace ddb::logs
