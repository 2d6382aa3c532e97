// Plain-text and Markdown transcripts: decoded, normalised, and cut into blocks at blank lines and
// speaker labels.
#include "qda/blocks.hpp"
#include "qda/text.hpp"
#include "readers.hpp"

namespace qda {

Document read_plain_text(std::string_view bytes, const ReadContext& context) {
  Document document;
  document.text = normalize_source_text(decode_to_utf8(bytes, context.file_name, context.options.encoding));
  document.blocks = split_into_blocks(document.text, context.speakers);
  return document;
}

}  // namespace qda
