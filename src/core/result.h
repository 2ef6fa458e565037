// Result<T> and Status: errors as values.
//
// Every error that crosses a module boundary is a value carrying a code that
// tells the caller what to do next, and a message written for the merchant or
// accountant who will read it:
//
//   Result<Money> r = Money::parse("12,50");
//   if (!r) return r.error().with_context("receipts.jsonl line 4, field 'amount'");
//
// Codes (after Abseil's canonical codes, trimmed to what dagbok acts on):
//   InvalidArgument     bad input; the message names file, line and field
//   NotFound            the thing named does not exist
//   AlreadyExists       a conflicting thing exists (e.g. a day already closed)
//   FailedPrecondition  stop and show the fix (a mapping gap, a locked period)
//   PermissionDenied    the acting user may not do this
//   Unavailable         transient: retry the call
//   Aborted             retry the whole operation (e.g. a lost race)
//   Internal            a bug or a broken store; report it
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dagbok {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnavailable,
  kAborted,
  kInternal,
};

std::string_view error_code_name(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // For kUnavailable: how long the other side asked us to wait (HTTP
  // Retry-After on 429 and 503), in seconds; 0 when it did not say.
  int retry_after_seconds() const { return retry_after_; }
  Error with_retry_after(int seconds) && {
    retry_after_ = seconds;
    return std::move(*this);
  }

  // Prefixes the message with where the error happened: "while X: message".
  Error with_context(std::string_view context) const& {
    Error e(code_, std::string(context) + ": " + message_);
    e.retry_after_ = retry_after_;
    return e;
  }
  Error with_context(std::string_view context) && {
    message_ = std::string(context) + ": " + message_;
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string message_;
  int retry_after_ = 0;
};

inline Error invalid_argument(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Error not_found(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Error already_exists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
inline Error failed_precondition(std::string m) { return {ErrorCode::kFailedPrecondition, std::move(m)}; }
inline Error permission_denied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m)}; }
inline Error unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
inline Error aborted(std::string m) { return {ErrorCode::kAborted, std::move(m)}; }
inline Error internal_error(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!ok()); return std::get<1>(v_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { assert(!ok_); return error_; }
  Error&& error() && { assert(!ok_); return std::move(error_); }

 private:
  Error error_{ErrorCode::kInternal, ""};
  bool ok_ = true;
};

inline Status ok_status() { return {}; }

}  // namespace dagbok

#define DAGBOK_CONCAT_INNER(a, b) a##b
#define DAGBOK_CONCAT(a, b) DAGBOK_CONCAT_INNER(a, b)

// TRY(expr): evaluates a Status or Result and returns its error from the
// enclosing function if it failed.
#define TRY(expr)                                          \
  do {                                                     \
    auto&& dagbok_try_ = (expr);                           \
    if (!dagbok_try_.ok()) return std::move(dagbok_try_).error(); \
  } while (0)

// TRY_CTX(expr, context): as TRY, adding "context: " to the message.
#define TRY_CTX(expr, context)                                                     \
  do {                                                                             \
    auto&& dagbok_try_ = (expr);                                                   \
    if (!dagbok_try_.ok()) return std::move(dagbok_try_).error().with_context(context); \
  } while (0)

// ASSIGN_OR_RETURN(lhs, expr): lhs = *expr, or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(DAGBOK_CONCAT(dagbok_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
