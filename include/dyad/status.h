// Status and StatusOr<T>: how every fallible call in dyad reports failure.
//
// The library never throws across its API, never prints and never exits.
// A Status is cheap when OK (a null pointer) and carries a code, a message
// and an optional "where" (file and line of the check that failed, or the
// document / file position the error concerns).
//
//   dyad::StatusOr<Document> doc = reader.Next();
//   if (!doc.ok()) std::cerr << doc.status().ToString();
//
// Thread safety: Status and StatusOr are values; distinct objects may be used
// from distinct threads without synchronization.
#ifndef DYAD_STATUS_H_
#define DYAD_STATUS_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dyad {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,  // Bad input: malformed document, bad option value.
  kNotFound = 2,         // A file, model or dictionary entry does not exist.
  kIoError = 3,          // Reading or writing failed.
  kDataLoss = 4,         // Input is corrupt: invalid UTF-8, binary junk.
  kUnimplemented = 5,    // The feature is not built (yet).
  kResourceExhausted = 6,  // A size limit was hit.
  kInternal = 7,         // A bug in dyad.
};

// Returns a stable lower-case name such as "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  // Creates an OK status.
  Status() = default;
  Status(StatusCode code, std::string message, std::string where = "");

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // The human-readable reason; empty when OK.
  std::string_view message() const;
  // Where the error happened, e.g. "dict.txt:12" or "src/x.cc:40"; may be empty.
  std::string_view where() const;

  // "OK", or "<message> (<where>)" / "<message>".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with "<context>: ".
  Status WithContext(std::string_view context) const;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    std::string where;
  };
  std::unique_ptr<Rep> rep_;
};

inline Status InvalidArgumentError(std::string msg) {
  return Status(StatusCode::kInvalidArgument, std::move(msg));
}
inline Status NotFoundError(std::string msg) {
  return Status(StatusCode::kNotFound, std::move(msg));
}
inline Status IoError(std::string msg) {
  return Status(StatusCode::kIoError, std::move(msg));
}
inline Status DataLossError(std::string msg) {
  return Status(StatusCode::kDataLoss, std::move(msg));
}
inline Status UnimplementedError(std::string msg) {
  return Status(StatusCode::kUnimplemented, std::move(msg));
}
inline Status ResourceExhaustedError(std::string msg) {
  return Status(StatusCode::kResourceExhausted, std::move(msg));
}
inline Status InternalError(std::string msg) {
  return Status(StatusCode::kInternal, std::move(msg));
}

// Either a value of type T or a non-OK Status.
template <typename T>
class StatusOr {
 public:
  // Precondition: !status.ok(). An OK status becomes kInternal.
  StatusOr(Status status) : v_(std::move(status)) {  // NOLINT: implicit
    if (std::get<Status>(v_).ok()) {
      v_ = Status(StatusCode::kInternal, "StatusOr built from an OK status");
    }
  }
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT: implicit

  bool ok() const { return std::holds_alternative<T>(v_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // Precondition: ok().
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace dyad

#endif  // DYAD_STATUS_H_
