// Text written now and read back once at the end, kept on disk rather than in memory: qda-import's
// corpus.yaml entries, which must follow the provenance that is complete only after the last source.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>

#include "qda/output.hpp"

namespace qda {

// An unnamed temporary file in `folder` (made with mkstemp and unlinked at once, so nothing of it is
// left whatever ends the run), written through stream() and copied out whole by copy_to().
class SpoolFile {
 public:
  explicit SpoolFile(const std::filesystem::path& folder);
  ~SpoolFile();
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;

  std::ostream& stream() { return stream_; }
  // Everything written, from the start, to `out`; the spool is not written after. An Io error if it
  // cannot be read back (or a write to it failed).
  void copy_to(std::ostream& out);

 private:
  std::filesystem::path folder_;  // for messages
  int fd_ = -1;
  std::unique_ptr<DescriptorBuffer> buffer_;
  std::ostream stream_{nullptr};
};

}  // namespace qda
