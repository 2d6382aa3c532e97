// The signal watcher: a thread that takes the signals with sigwait(), so that the clean-up runs as
// ordinary code under the list's mutex rather than in a signal handler.
#include "qda/interruption.hpp"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <list>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qda::interruption {

namespace {

// Recursive: a commit under hold_off_during() unlists its temporary file.
std::recursive_mutex& list_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

// The paths in the order listed, and where each is: qda-import lists thousands of temporary files and
// unlists them in the same order, which a search of a vector made quadratic (0.15 s for 2,000 files).
// Strings, not paths (a path keeps each of its components besides), and the index views them: a
// list's elements stay where they are.
struct Listed {
  std::list<std::string> paths;
  std::unordered_multimap<std::string_view, std::list<std::string>::iterator> where;
  std::vector<std::string> with_contents;  // folders removed whole, before the files and folders listed
};

// Shared by threads creating outputs, exclusive for the clean-up (hold_off_clean_up).
std::shared_mutex& creation_mutex() {
  static std::shared_mutex mutex;
  return mutex;
}

Listed& listed() {
  static Listed list;
  return list;
}

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, signal);
  return set;
}

[[noreturn]] void clean_up_and_die(int signal) {
  {
    // Never released: a thread creating a file finishes listing it first, and none creates one after.
    creation_mutex().lock();
    const std::lock_guard lock(list_mutex());
    std::error_code error;
    for (const auto& folder : listed().with_contents) std::filesystem::remove_all(folder, error);
    auto& paths = listed().paths;
    // Files before folders (a folder is only removed when empty), the last made first.
    for (auto it = paths.rbegin(); it != paths.rend(); ++it) {
      if (!std::filesystem::is_directory(*it, error)) std::filesystem::remove(*it, error);
    }
    for (auto it = paths.rbegin(); it != paths.rend(); ++it) std::filesystem::remove(*it, error);
    paths.clear();
    listed().where.clear();
    // Held until the process ends: no output can be committed after the clean-up.
    ::signal(signal, SIG_DFL);
    const sigset_t set = watched_signals();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(signal);
  }
  std::abort();  // not reached: the default action of the signal ends the process
}

}  // namespace

void watch_signals() {
  sigset_t set = watched_signals();
  // A signal the parent set to be ignored (nohup, a background job's SIGINT) stays ignored.
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (sigaction(signal, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) sigdelset(&set, signal);
  }
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set] {
    int signal = 0;
    while (sigwait(&set, &signal) != 0) {
    }
    clean_up_and_die(signal);
  }).detach();
}

void add(const std::filesystem::path& path) {
  const std::lock_guard lock(list_mutex());
  Listed& list = listed();
  const auto listed_at = list.paths.insert(list.paths.end(), path.string());
  list.where.emplace(*listed_at, listed_at);
}

void remove(const std::filesystem::path& path) {
  const std::lock_guard lock(list_mutex());
  Listed& list = listed();
  if (const auto found = list.where.find(path.native()); found != list.where.end()) {
    const auto listed_at = found->second;
    list.where.erase(found);  // before the string it views
    list.paths.erase(listed_at);
  } else if (const auto folder = std::find(list.with_contents.begin(), list.with_contents.end(), path.native());
             folder != list.with_contents.end()) {
    list.with_contents.erase(folder);
  }
}

void add_with_contents(const std::filesystem::path& folder) {
  const std::lock_guard lock(list_mutex());
  listed().with_contents.push_back(folder.string());
}

std::shared_lock<std::shared_mutex> hold_off_clean_up() { return std::shared_lock(creation_mutex()); }

void hold_off_during(const std::function<void()>& work) {
  const std::lock_guard lock(list_mutex());
  work();
}

}  // namespace qda::interruption
