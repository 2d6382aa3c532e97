// A run stopped half way: creates FOLDER/new/deeper and an output in it, says "ready" and waits to be
// interrupted. check_interruption.py signals it and checks that nothing it made is left.
#include <unistd.h>

#include <filesystem>
#include <iostream>

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
  std::cout << "ready" << std::endl;
  while (true) ::pause();
}
