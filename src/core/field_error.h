// FieldError: one wrong field of a request, named by its path in the request
// (outermost first, "entries[2].account"), for a form to show its message
// beside the field. A use case that checks a whole request answers every
// wrong field at once, not only the first:
//
//   std::vector<FieldError> wrong = *check_kontoplan_change(store, company, change);
//   for (const FieldError& f : wrong) std::cerr << f.field << ": " << f.message << "\n";
#pragma once

#include <string>
#include <utility>

#include "core/result.h"

namespace dagbok {

struct FieldError {
  std::string field;
  std::string message;

  // As an error value (InvalidArgument), the field named in the message.
  Error to_error() const { return invalid_argument(field + ": " + message); }
};

}  // namespace dagbok
