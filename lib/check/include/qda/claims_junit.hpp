// How qda-check's JUnit file carries a claim's quote in a test case's system-out, and qda-report reads it
// back: the quote, then "\n— " and where it is from (the claim's cites, its line breaks as spaces).
// The "\n— " line is there whenever the claim cites something or its quote itself holds "\n— ", so
// that all before the last "\n— " is the quote.
#pragma once

#include <string_view>

namespace qda {

inline constexpr std::string_view kJunitCitesLine = "\n\u2014 ";

// The quote of a system-out that qda-check wrote.
inline std::string_view junit_quote(std::string_view system_out) {
  const std::size_t cites = system_out.rfind(kJunitCitesLine);
  return cites == std::string_view::npos ? system_out : system_out.substr(0, cites);
}

}  // namespace qda
