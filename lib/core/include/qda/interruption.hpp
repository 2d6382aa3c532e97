// What a run has made and must remove if it is interrupted (Ctrl-C, SIGTERM, SIGHUP): temporary
// output files and new folders. A failed run already removes them as its objects unwind; a signal
// ends the process without unwinding, so they are also listed here for the signal watcher.
#pragma once

#include <filesystem>
#include <functional>
#include <shared_mutex>

namespace qda::interruption {

// Blocks SIGINT, SIGTERM and SIGHUP in this thread and in every thread it starts later, and starts a
// thread that waits for them: on one it removes every listed path (files first, then folders, the
// last listed first) and ends the process by the same signal. Call once, from main, before any other
// thread starts. Without it (a library user, the unit tests) the lists are kept but nothing watches.
void watch_signals();

// Lists and unlists a path to remove on interruption.
void add(const std::filesystem::path& path);
void remove(const std::filesystem::path& path);
// Lists a folder this run made for its temporary files, removed on interruption with everything in
// it, so that those files need not each be listed (qda-import's thousands of texts). Unlisted by remove().
void add_with_contents(const std::filesystem::path& folder);

// Runs `work` (renaming finished outputs into place) with the watcher held off, so that an
// interruption comes before or after it, never half way through.
void hold_off_during(const std::function<void()>& work);

// Held while a thread creates something the clean-up must remove, from its creation until it is listed
// (or is inside a folder listed with its contents). Threads creating files hold it together; the
// clean-up takes it alone and never gives it back, so nothing is created once the clean-up has
// begun, and nothing created before it is missed.
std::shared_lock<std::shared_mutex> hold_off_clean_up();

}  // namespace qda::interruption
