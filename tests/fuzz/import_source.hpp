// A source file through qda-import's steps, as SourceImporter takes it: the format recognised from the
// name and the first bytes, the document read, and the segments cut in every unit, with the invariants
// the corpus files rely on checked on the way.
#pragma once

#include <string>
#include <string_view>

namespace qda::fuzz {

// Reads `bytes` as the file `file_name` (whose extension picks the format when no signature does) and
// cuts it into turns, paragraphs and sentences. Input errors end quietly; a broken invariant aborts.
void import_source(std::string_view bytes, const std::string& file_name);

}  // namespace qda::fuzz
