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
  // What kind of wrong: InvalidArgument for a bad value; FailedPrecondition
  // for one that may not change now (a setting frozen once saved).
  ErrorCode code = ErrorCode::kInvalidArgument;

  FieldError() = default;
  FieldError(std::string f, std::string m, ErrorCode c = ErrorCode::kInvalidArgument)
      : field(std::move(f)), message(std::move(m)), code(c) {}
  // An error a check gave, for this field.
  FieldError(std::string f, const Error& e) : field(std::move(f)), message(e.message()), code(e.code()) {}

  // As an error value, the field named in the message.
  Error to_error() const { return Error(code, field + ": " + message); }
};

}  // namespace dagbok
