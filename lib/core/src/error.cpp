// The error family and its mapping to exit statuses: the one place tools get their status from.
#include "qda/error.hpp"

#include <fmt/format.h>

namespace qda {

std::string describe(const Location& where, const std::string& message) {
  if (where.file.empty()) return message;
  if (where.line == 0) return fmt::format("{}: {}", where.file, message);
  if (where.column == 0) return fmt::format("{}:{}: {}", where.file, where.line, message);
  return fmt::format("{}:{}:{}: {}", where.file, where.line, where.column, message);
}

Error::Error(ErrorKind kind, std::string message, Location where)
    : std::runtime_error(describe(where, message)),
      kind_(kind),
      message_(std::move(message)),
      where_(std::move(where)) {}

Error invalid_input(std::string message, Location where) {
  return Error(ErrorKind::InvalidInput, std::move(message), std::move(where));
}
Error usage_error(std::string message) { return Error(ErrorKind::Usage, std::move(message)); }
Error io_error(std::string message, Location where) {
  return Error(ErrorKind::Io, std::move(message), std::move(where));
}

int exit_status(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::InvalidInput: return 1;
    case ErrorKind::Usage: return 2;
    case ErrorKind::Io: return 3;
  }
  return kExitInternal;
}

}  // namespace qda
