// Plain-text and Markdown transcripts, and the text exports of transcription services read the same
// way (Otter.ai, Zoom, Rev, diarisation tools): decoded, normalised, and cut into blocks at blank
// lines, speaker labels and times.
#include "qda/blocks.hpp"
#include "qda/text.hpp"
#include "readers.hpp"

namespace qda {

Document read_plain_text(std::string_view bytes, const ReadContext& context) {
  Document document;
  document.text = normalize_source_text(decode_source_text(bytes, context));
  document.blocks = split_into_blocks(document.text, context.speakers, context.options.roster, {},
                                      context.report != nullptr ? &context.report->unlisted_labels : nullptr);
  return document;
}

}  // namespace qda
