// Runs the CLI tests of one tool, written as data (tests/cli/<tool>.yaml): each case gets a fresh
// working folder with its input files, runs the tool, and checks exit status, stdout, stderr, the
// files it expects and the files that must not exist. Inputs must come out of every run unchanged.
//
// Usage: qda_cli_runner --bin-dir DIR --fixtures DIR --source-dir DIR CASES.yaml
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace fs = std::filesystem;

namespace {

struct Settings {
  fs::path bin_dir;
  fs::path fixtures;
  fs::path source_dir;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string substitute(std::string text, const Settings& settings) {
  const std::map<std::string, std::string> variables = {
      {"${FIXTURES}", settings.fixtures.string()},
      {"${SOURCE_DIR}", settings.source_dir.string()},
      {"${EXAMPLES}", (settings.source_dir / "examples").string()},
  };
  for (const auto& [name, value] : variables) {
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size())) {
      text.replace(at, name.size(), value);
    }
  }
  return text;
}

struct Result {
  int exit_status = -1;
  std::string out;
  std::string err;
};

Result run(const fs::path& program, const std::vector<std::string>& args, const fs::path& folder, const std::string& input) {
  const fs::path out_path = folder / ".stdout", err_path = folder / ".stderr", in_path = folder / ".stdin";
  std::ofstream(in_path, std::ios::binary) << input;
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(folder.c_str()) != 0) _exit(127);
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string name = program.string();
    argv.push_back(name.data());
    std::vector<std::string> copies = args;
    for (auto& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(name.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Result result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  fs::remove(in_path);
  return result;
}

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> values;
  if (node) {
    for (const auto& item : node) values.push_back(item.as<std::string>());
  }
  return values;
}

// Runs one case; returns the failures found (empty if it passed).
std::vector<std::string> run_case(const std::string& tool, const YAML::Node& test, const Settings& settings,
                                  const fs::path& folder) {
  std::vector<std::string> failures;
  fs::create_directories(folder);
  std::map<fs::path, std::string> inputs;  // every file the case supplies, with its bytes
  for (const auto& file : test["files"]) {
    const fs::path path = folder / file.first.as<std::string>();
    fs::create_directories(path.parent_path());
    const std::string bytes = file.second.as<std::string>();
    std::ofstream(path, std::ios::binary) << bytes;
    inputs[path] = bytes;
  }
  // fixtures: a list of names (copied to the folder) or a map of destination: fixture name.
  const YAML::Node fixtures = test["fixtures"] ? test["fixtures"] : YAML::Node(YAML::NodeType::Sequence);
  const bool mapped = fixtures.IsMap();
  for (const auto& fixture : fixtures) {
    const std::string name = mapped ? fixture.second.as<std::string>() : fixture.as<std::string>();
    const fs::path path = folder / (mapped ? fs::path(fixture.first.as<std::string>()) : fs::path(name).filename());
    fs::create_directories(path.parent_path());
    fs::copy_file(settings.fixtures / name, path, fs::copy_options::overwrite_existing);
    inputs[path] = slurp(path);
  }
  std::vector<std::string> args;
  for (const auto& arg : strings(test["args"])) args.push_back(substitute(arg, settings));
  const std::string program_name = test["tool"] ? test["tool"].as<std::string>() : tool;
  const Result result = run(settings.bin_dir / program_name, args, folder, test["stdin"] ? test["stdin"].as<std::string>() : "");

  const int expected_exit = test["exit"] ? test["exit"].as<int>() : 0;
  if (result.exit_status != expected_exit) {
    failures.push_back("exit status " + std::to_string(result.exit_status) + ", expected " + std::to_string(expected_exit));
  }
  if (test["stdout"] && result.out != substitute(test["stdout"].as<std::string>(), settings)) {
    failures.push_back("stdout differs; got:\n" + result.out);
  }
  for (const auto& [stream, key] : {std::pair{&result.out, "stdout_contains"}, std::pair{&result.err, "stderr_contains"}}) {
    for (const auto& needle : strings(test[key])) {
      if (stream->find(substitute(needle, settings)) == std::string::npos) {
        failures.push_back(std::string(key) + " '" + needle + "' not found in:\n" + *stream);
      }
    }
  }
  for (const auto& needle : strings(test["stderr_excludes"])) {
    if (result.err.find(needle) != std::string::npos) failures.push_back("stderr contains '" + needle + "'");
  }
  for (const auto& expected : test["expect_files"]) {
    const fs::path path = folder / expected.first.as<std::string>();
    if (!fs::exists(path)) {
      failures.push_back("expected file " + expected.first.as<std::string>() + " is missing");
      continue;
    }
    const std::string bytes = slurp(path);
    const YAML::Node check = expected.second;
    if (check["equals"] && bytes != check["equals"].as<std::string>()) {
      failures.push_back(expected.first.as<std::string>() + " differs; got:\n" + bytes);
    }
    if (check["same_as"]) {
      const fs::path other = settings.source_dir / substitute(check["same_as"].as<std::string>(), settings);
      if (bytes != slurp(other)) failures.push_back(expected.first.as<std::string>() + " differs from " + other.string());
    }
    for (const auto& needle : strings(check["contains"])) {
      if (bytes.find(needle) == std::string::npos) {
        failures.push_back(expected.first.as<std::string>() + " lacks '" + needle + "'");
      }
    }
  }
  for (const auto& absent : strings(test["absent"])) {
    if (fs::exists(folder / absent)) failures.push_back(absent + " exists but must not");
  }
  // No temporary output may be left behind, whatever the outcome.
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp-") != std::string::npos || name.find(".qda-lock") != std::string::npos) {
      failures.push_back("temporary file left behind: " + entry.path().string());
    }
  }
  for (const auto& [path, bytes] : inputs) {
    if (!fs::exists(path) || slurp(path) != bytes) failures.push_back("input " + path.string() + " was modified");
  }
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  fs::path cases_file;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--bin-dir" && i + 1 < argc) settings.bin_dir = argv[++i];
    else if (arg == "--fixtures" && i + 1 < argc) settings.fixtures = argv[++i];
    else if (arg == "--source-dir" && i + 1 < argc) settings.source_dir = argv[++i];
    else cases_file = arg;
  }
  if (cases_file.empty() || settings.bin_dir.empty()) {
    std::cerr << "usage: qda_cli_runner --bin-dir DIR --fixtures DIR --source-dir DIR CASES.yaml\n";
    return 2;
  }
  // Cases run in their own folders, so every path given must be absolute.
  settings.bin_dir = fs::absolute(settings.bin_dir);
  settings.fixtures = fs::absolute(settings.fixtures);
  settings.source_dir = fs::absolute(settings.source_dir);
  const YAML::Node document = YAML::LoadFile(cases_file.string());
  const std::string tool = document["tool"].as<std::string>();
  const fs::path scratch = fs::temp_directory_path() / ("qda-cli-" + tool + "-" + std::to_string(getpid()));
  fs::remove_all(scratch);
  int passed = 0, failed = 0, index = 0;
  for (const auto& test : document["cases"]) {
    const std::string name = test["name"].as<std::string>();
    const auto failures = run_case(tool, test, settings, scratch / std::to_string(++index));
    if (failures.empty()) {
      ++passed;
      std::cout << "ok    " << name << '\n';
    } else {
      ++failed;
      std::cout << "FAIL  " << name << '\n';
      for (const auto& failure : failures) std::cout << "      " << failure << '\n';
    }
  }
  fs::remove_all(scratch);
  std::cout << tool << ": " << passed << " passed, " << failed << " failed\n";
  return failed == 0 && passed > 0 ? 0 : 1;
}
