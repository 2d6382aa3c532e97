// The one error family of qda: what went wrong, where (file, line, column), and what was expected.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace qda {

// What kind of failure; exit_status() maps each kind to the process exit status (docs/exit-status.md).
enum class ErrorKind {
  InvalidInput,  // the input exists but is not what was expected
  Usage,         // the options given do not make sense together
  Io,            // a file could not be read or written
};

// Where in an input a problem was found. line and column are 1-based; 0 means "not known".
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, Location where = {});

  ErrorKind kind() const noexcept { return kind_; }
  const Location& where() const noexcept { return where_; }
  const std::string& message() const noexcept { return message_; }

 private:
  ErrorKind kind_;
  std::string message_;
  Location where_;
};

// "file:line:column: message", leaving out the parts that are not known.
std::string describe(const Location& where, const std::string& message);

Error invalid_input(std::string message, Location where = {});
Error usage_error(std::string message);
Error io_error(std::string message, Location where = {});

// The exit status every tool returns for an error of this kind.
int exit_status(ErrorKind kind) noexcept;

// Exit statuses that are not tied to an Error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 4;

}  // namespace qda
