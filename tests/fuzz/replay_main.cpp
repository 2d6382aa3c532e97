// The main() a fuzz target gets in the normal builds (g++, no libFuzzer): it feeds every file under the
// folders and files it is given to the target's LLVMFuzzerTestOneInput once, in name order, so that CTest
// replays the seed corpora and the committed crash inputs on every build, sanitizers or not. A target
// aborts on a bug (fuzz_input.cpp), which fails the test; the driver itself only reports what it ran.
//
//   fuzz_replay_<target> PATH...     (a folder is read recursively; a missing PATH is an error)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    if (std::filesystem::is_regular_file(path)) {
      files.push_back(path);
    } else if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      // Named by the build, so its absence means the seeds were not made: replaying nothing must not pass.
      std::fprintf(stderr, "fuzz replay: %s is neither a file nor a folder\n", argv[i]);
      return 2;
    }
  }
  std::sort(files.begin(), files.end());  // the same order on every run, for a reproducible failure
  std::size_t skipped = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.eof() && in.fail()) {
      std::fprintf(stderr, "fuzz replay: cannot read %s\n", file.c_str());
      return 2;
    }
    // Printed before the run: if the target aborts, the last line names the input.
    std::fprintf(stderr, "fuzz replay: %s\n", file.c_str());
    if (LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) != 0) ++skipped;
  }
  std::printf("fuzz replay: %zu inputs run (%zu over the target's length bound skipped)\n", files.size() - skipped, skipped);
  return 0;
}
