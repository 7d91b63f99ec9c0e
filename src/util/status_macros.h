// Internal helpers for propagating Status. Not part of the public API.
#ifndef DYAD_UTIL_STATUS_MACROS_H_
#define DYAD_UTIL_STATUS_MACROS_H_

#include <sstream>
#include <string>

#include "dyad/status.h"

#define DYAD_STATUS_CONCAT_INNER_(a, b) a##b
#define DYAD_STATUS_CONCAT_(a, b) DYAD_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` yields a non-OK Status.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::dyad::Status dyad_status_ = (expr);            \
    if (!dyad_status_.ok()) return dyad_status_;     \
  } while (0)

// ASSIGN_OR_RETURN(auto x, MakeX()): binds the value or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(DYAD_STATUS_CONCAT_(dyad_sor_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()

namespace dyad::internal {

// Streams a message and converts to a Status stamped with file:line.
class StatusBuilder {
 public:
  StatusBuilder(StatusCode code, const char* file, int line)
      : code_(code), where_(std::string(file) + ":" + std::to_string(line)) {}
  template <typename T>
  StatusBuilder& operator<<(const T& v) {
    os_ << v;
    return *this;
  }
  operator Status() const { return Status(code_, os_.str(), where_); }  // NOLINT
  template <typename T>
  operator StatusOr<T>() const {  // NOLINT
    return StatusOr<T>(Status(code_, os_.str(), where_));
  }

 private:
  StatusCode code_;
  std::string where_;
  std::ostringstream os_;
};

}  // namespace dyad::internal

// CHECK_OR_RETURN(cond) << "why": when cond is false, returns a kInvalidArgument
// Status stamped with file:line, whose message names the condition and "why".
#define CHECK_OR_RETURN(cond)                                          \
  if (cond) {                                                          \
  } else /* NOLINT */                                                  \
    return ::dyad::internal::StatusBuilder(                            \
               ::dyad::StatusCode::kInvalidArgument, __FILE__, __LINE__) \
           << "check failed: " #cond ": "

#endif  // DYAD_UTIL_STATUS_MACROS_H_
