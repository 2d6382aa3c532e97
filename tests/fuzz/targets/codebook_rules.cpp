// Fuzz target: a codebook's rules compiled (RuleIndex: terms, stems, wildcards, regexes, NEAR, cues) and
// matched as qda-code matches them (SegmentCoder), on a fixed small text and on fuzzed text. The input
// is the codebook, then optionally a line "# segment text:" and the text of one segment (the line is a
// YAML comment, so a codebook seed stays valid YAML while the text is mutated). Every auto coding must
// be what rules.hpp promises: at most one per code, in codebook order, a span of the segment, a stance
// of the codebook.
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "qda/codebook.hpp"
#include "qda/rules.hpp"

namespace {

constexpr std::string_view kTextSeparator = "\n# segment text:\n";

// Words the examples' codebooks match (NEAR operands among them), a cue, two sentences and a
// non-ASCII letter, so that a mutated codebook still finds hits to decide stances on.
constexpr std::string_view kFixedText =
    "Kalau saya bicara, anggaran smart city belum ada. Transportasi umum dan e-government terpisah, "
    "seperti di Singapura? Not yet: the public transport app is only a pilot; ASN belum paham TI. Ça va.";

void check_codings(const qda::Codebook& codebook, std::string_view text, const std::vector<qda::AutoCoding>& codings) {
  for (std::size_t k = 0; k < codings.size(); ++k) {
    const qda::AutoCoding& coding = codings[k];
    qda::fuzz::require(coding.code < codebook.codes.size(), "an auto coding names no code of the codebook");
    qda::fuzz::require(k == 0 || codings[k - 1].code < coding.code, "auto codings are not one per code in codebook order");
    qda::fuzz::require(coding.begin <= coding.end && coding.end <= text.size(), "an auto coding's evidence is not a span of the segment");
    qda::fuzz::require(codebook.stances.is_stance(std::string(coding.stance)), "an auto coding's stance is not the codebook's");
    qda::fuzz::require(coding.rule != nullptr, "an auto coding has no rule");
  }
}

void code(qda::SegmentCoder& coder, const qda::Codebook& codebook, std::string_view text, std::string_view language) {
  std::vector<qda::AutoCoding> codings;
  for (const bool interviewer : {false, true}) {
    codings.clear();
    coder.code({text, "Informan 3", interviewer, language}, codings);
    check_codings(codebook, text, codings);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > QDA_FUZZ_MAX_LEN) return -1;
  const auto parts = qda::fuzz::split_input(qda::fuzz::as_text(data, size), kTextSeparator);
  const std::optional<std::string_view> segment_text = parts.second;
  const auto path = qda::fuzz::write_input(parts.first, "codebook.yaml");
  qda::fuzz::run_expecting_only_input_errors([&] {
    const qda::Codebook codebook = qda::load_codebook(path);
    const qda::RuleIndex index(codebook);
    qda::SegmentCoder coder(index);
    code(coder, codebook, kFixedText, "id");
    // Any bytes: qda-code takes segment texts from segments.csv as they are, and a hand-edited file
    // need not be UTF-8.
    if (segment_text) {
      code(coder, codebook, *segment_text, "und");
      code(coder, codebook, *segment_text, "en");
    }
  });
  return 0;
}
