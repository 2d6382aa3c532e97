// SHA-256 of bytes and files (OpenSSL's EVP), as lowercase hex: the fingerprint in every provenance block.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace qda {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // Finishes the digest; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string sha256_hex(std::string_view bytes);
// Reads the file in chunks; throws an Io error naming the file if it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace qda
