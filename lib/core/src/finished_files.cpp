#include "qda/finished_files.hpp"

#include <algorithm>
#include <cstring>

namespace qda {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

// A path as its folder (up to and with its last '/') and its name.
std::pair<std::string_view, std::string_view> split_folder(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {{}, path};
  return {path.substr(0, slash + 1), path.substr(slash + 1)};
}

void append_index(std::string& block, std::uint32_t index) {
  char bytes[sizeof index];
  std::memcpy(bytes, &index, sizeof index);
  block.append(bytes, sizeof index);
}

std::uint32_t read_index(const std::string& block, std::size_t at) {
  std::uint32_t index;
  std::memcpy(&index, block.data() + at, sizeof index);
  return index;
}

}  // namespace

std::uint32_t FinishedFiles::folder_index(std::string_view folder) {
  std::string key(folder);
  if (const auto found = folder_of_.find(key); found != folder_of_.end()) return found->second;
  const auto index = static_cast<std::uint32_t>(folders_.size());
  folders_.push_back(key);
  folder_of_.emplace(std::move(key), index);
  return index;
}

void FinishedFiles::add(std::string_view temporary, std::string_view destination) {
  const auto [temporary_folder, temporary_name] = split_folder(temporary);
  const auto [destination_folder, destination_name] = split_folder(destination);
  // A folder added to the table for a file that is then not held is only an unused entry.
  const std::uint32_t temporary_index = folder_index(temporary_folder);
  const std::uint32_t destination_index = folder_index(destination_folder);
  const std::size_t bytes = 2 * sizeof(std::uint32_t) + temporary_name.size() + destination_name.size() + 2;
  if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < bytes) {
    std::string block;
    block.reserve(std::max(kBlockBytes, bytes));
    blocks_.push_back(std::move(block));
  }
  // Within the reserved room: nothing below allocates, so nothing throws.
  std::string& block = blocks_.back();
  append_index(block, temporary_index);
  append_index(block, destination_index);
  block.append(temporary_name).push_back('\0');
  block.append(destination_name).push_back('\0');
}

bool FinishedFiles::settle(std::size_t& block, std::size_t& at) const {
  // The cursor stays in the last block when it has read it all: files added later are appended there.
  while (block + 1 < blocks_.size() && at == blocks_[block].size()) ++block, at = 0;
  return block < blocks_.size() && at < blocks_[block].size();
}

FinishedFiles::Entry FinishedFiles::entry_at(std::size_t block, std::size_t at) const {
  const std::string& bytes = blocks_[block];
  Entry entry;
  entry.temporary_name = bytes.data() + at + 2 * sizeof(std::uint32_t);
  entry.destination_name = entry.temporary_name + std::strlen(entry.temporary_name) + 1;
  entry.end = static_cast<std::size_t>(entry.destination_name - bytes.data()) + std::strlen(entry.destination_name) + 1;
  return entry;
}

std::optional<std::pair<std::string, std::string>> FinishedFiles::next() const {
  std::size_t block = block_, at = at_;
  if (!settle(block, at)) return std::nullopt;
  const Entry entry = entry_at(block, at);
  return std::make_pair(folders_[read_index(blocks_[block], at)] + entry.temporary_name,
                        folders_[read_index(blocks_[block], at + sizeof(std::uint32_t))] + entry.destination_name);
}

void FinishedFiles::take() {
  if (settle(block_, at_)) at_ = entry_at(block_, at_).end;
}

}  // namespace qda
