// What the claims read of a document's long lists.
#include "qda/list_projection.hpp"

#include <algorithm>

#include "qda/value_path.hpp"

namespace qda {

const ListProjection::Needs& ListProjection::needs(const std::vector<std::string>& keys) const {
  if (auto found = needs_.find(keys); found != needs_.end()) return found->second;
  Needs& needs = needs_[keys];
  for (const ValueRead& read : reads_) {
    const std::vector<PointerToken> tokens = pointer_tokens(read.pointer);
    const std::size_t shared = std::min(tokens.size(), keys.size());
    bool related = true;
    for (std::size_t i = 0; i < shared && related; ++i) related = tokens[i].key == keys[i];
    if (!related) continue;
    if (tokens.size() <= keys.size()) {
      // The list itself or what holds it: its items matter only if the value is compared.
      if (read.compares) needs.whole = true;
      continue;
    }
    const PointerToken& step = tokens[keys.size()];
    const bool index = !step.key.empty() && std::all_of(step.key.begin(), step.key.end(), [](char c) { return c >= '0' && c <= '9'; });
    if ((!index && step.selects.empty()) || tokens.size() == keys.size() + 1) {
      needs.whole = true;  // an item read whole, or a step that may fail in a way the items decide
      continue;
    }
    for (const auto& [member, value] : step.selects) needs.members.insert(member);
    needs.members.insert(tokens[keys.size() + 1].key);
  }
  return needs;
}

nlohmann::ordered_json ListProjection::project(const std::vector<std::string>& keys, nlohmann::ordered_json&& item) const {
  if (!item.is_object()) return std::move(item);
  const Needs& wanted = needs(keys);
  if (wanted.members.empty()) return nullptr;
  nlohmann::ordered_json kept = nlohmann::ordered_json::object();
  for (auto& [key, value] : item.items()) {
    if (wanted.members.count(key) > 0) kept[key] = std::move(value);
  }
  return kept;
}

}  // namespace qda
