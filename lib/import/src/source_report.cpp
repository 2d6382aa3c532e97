// The per-source summary and warnings of qda-import (docs/qda-import.md#messages-and-exit-statuses).
#include "qda/source_report.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "qda/strings.hpp"

namespace qda {

void report_source(const std::string& file_name, const SourceRecord& record, const ReadReport& report,
                   const SpeakerRoster& roster) {
  std::vector<std::string> speakers;
  for (const auto& speaker : record.speakers) speakers.push_back(fmt::format("{} ({})", speaker.name, speaker.turns));
  std::string summary = fmt::format("{}: {}, {} segments, {} turns, {}", file_name, record.format, record.segments,
                                    record.turns,
                                    speakers.empty() ? std::string("no speakers") : "speakers " + join(speakers, ", "));
  if (report.footnotes > 0 || report.comments > 0) {
    summary += fmt::format("; {} footnotes and {} comments kept as [notes]", report.footnotes, report.comments);
  }
  spdlog::info("{}", summary);

  if (report.encoding_confidence >= 0) {
    spdlog::warn("{}: not UTF-8; read as {}, which ICU's charset detector gives {}% confidence (name the encoding in "
                 "the attribute sheet's 'encoding' column to be sure)",
                 file_name, report.encoding, report.encoding_confidence);
  }
  if (record.speakers.empty() && record.segments > 0) {
    spdlog::warn("{}: no speaker found{}; if it has speakers, check how they are labelled (docs/qda-import.md#"
                 "built-in-speaker-labels) or name them with --speakers",
                 file_name, record.segments == 1 ? ", and the whole source is one segment" : "");
  } else if (record.segments == 1) {
    spdlog::warn("{}: the whole source is one segment", file_name);
  }
  if (!report.unlisted_labels.empty()) {
    spdlog::warn("{}: these labels are not among the {} speakers given, and stayed text: {}", file_name, roster.size(),
                 join(std::vector<std::string>(report.unlisted_labels.begin(), report.unlisted_labels.end()), ", "));
  }
}

}  // namespace qda
