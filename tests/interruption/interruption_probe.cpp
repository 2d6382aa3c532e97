// A run stopped half way: creates FOLDER/new/deeper, an output in it, and finished ones held as paths
// (one in a staging folder in it, one beside its target), says "ready" and waits to be interrupted. check_interruption.py signals it and checks that nothing it made is left.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "qda/interruption.hpp"
#include "qda/output.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: interruption_probe FOLDER\n";
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
  std::cout << "ready" << std::endl;
  while (true) ::pause();
}
