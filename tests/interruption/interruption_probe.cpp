// A run stopped half way: creates FOLDER/new/deeper, an output in it, and finished ones held as paths
// (one in a staging folder in it, one beside its target), says "ready" and waits to be interrupted.
// With "busy", two threads meanwhile keep making texts in staging folders of their own, as
// qda-import's threads do, so the signal comes while files are being created. check_interruption.py
// signals it and checks that nothing it made is left.
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "qda/interruption.hpp"
#include "qda/output.hpp"

namespace {

[[noreturn]] void keep_making_texts(const std::filesystem::path& folder, int thread) {
  qda::StagingFolder staging(folder);
  qda::OutputSet set;
  for (long n = 0;; ++n) {
    std::string name = std::to_string(thread);
    name += '-';
    name += std::to_string(n);
    name += ".txt";
    auto text = std::make_unique<qda::OutputFile>(folder / name, qda::Locking::CoveredByAnother, &staging);
    text->stream() << "a text\n";
    text->finish();
    set.adopt_finished(std::move(text));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bool busy = argc == 3 && std::strcmp(argv[2], "busy") == 0;
  if (argc != 2 && !busy) {
    std::cerr << "usage: interruption_probe FOLDER [busy]\n";
    return 2;
  }
  qda::interruption::watch_signals();
  const std::filesystem::path folder = std::filesystem::path(argv[1]) / "new" / "deeper";
  qda::CreatedFolders folders;
  folders.create(folder);
  qda::OutputFile output(folder / "out.csv");
  output.stream() << "half written\n";
  // A finished file in a staging folder, listed only through its folder (qda-import's texts).
  qda::StagingFolder staging(folder);
  qda::OutputSet set;
  auto text = std::make_unique<qda::OutputFile>(folder / "text.txt", qda::Locking::CoveredByAnother, &staging);
  text->stream() << "a text\n";
  set.adopt_finished(std::move(text));
  // And one made beside its target, listed for interruption on its own until renamed.
  auto loose = std::make_unique<qda::OutputFile>(folder / "loose.txt", qda::Locking::CoveredByAnother);
  loose->stream() << "a text\n";
  set.adopt_finished(std::move(loose));
  if (busy) {
    for (int thread = 0; thread < 2; ++thread) std::thread(keep_making_texts, folder, thread).detach();
  }
  std::cout << "ready" << std::endl;
  while (true) ::pause();
}
