// The REFI-QDA project model (the QDA-XML 1.0 standard of NVivo, ATLAS.ti, MAXQDA, QualCoder and others):
// the parts qda exchanges — users, the code tree, variables, cases, text sources with their selections
// and codings — and a count of every part it does not (docs/refi-qda.md). Nothing here knows qda's own
// files; lib/model and the tools convert.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qda/error.hpp"

namespace qda::refi {

struct User {
  std::string guid;
  std::string name;  // may be empty (the standard does not require it)
};

struct Code {
  std::string guid;
  std::string name;
  std::string description;
  std::string color;  // as written: "#RRGGBB", "#RGB", or whatever a tool wrote
  bool codable = true;
  std::optional<std::size_t> parent;  // index into Project::codes, which lists codes depth-first
  Location where;
};

struct Variable {
  std::string guid;
  std::string name;
  std::string type = "Text";  // typeOfVariable: Text, Boolean, Integer, Float, Date, DateTime
};

struct VariableValue {
  std::string variable_guid;
  std::string value;  // the text of whichever *Value element it has
};

struct Coding {
  std::string guid;
  std::string code_guid;
  std::string user_guid;  // creatingUser of the coding, else of its selection; may be empty
  Location where;
};

// The end of a selection that is a code applied to a whole source (a <Coding> of the <TextSource>).
inline constexpr std::size_t kWholeSource = static_cast<std::size_t>(-1);

struct PlainTextSelection {
  std::string guid;
  std::string name;
  std::size_t start = 0;  // startPosition, endPosition: characters of the source's plain text
  std::size_t end = 0;
  std::string description;
  std::vector<Coding> codings;
  Location where;
};

struct TextSource {
  std::string guid;
  std::string name;
  std::string plain_text_path;  // "internal://<file>", a relative or an absolute path, or empty
  std::string rich_text_path;
  std::optional<std::string> plain_text_content;  // <PlainTextContent>, the text inline
  std::vector<PlainTextSelection> selections;
  std::vector<VariableValue> values;
  Location where;
};

struct Case {
  std::string guid;
  std::string name;
  std::vector<VariableValue> values;
  std::vector<std::string> source_guids;
};

// What a project holds that qda does not read, by kind ("PDF sources", "notes", ...), for the one
// summary warning an import gives.
using UnsupportedParts = std::map<std::string, std::size_t>;

struct Project {
  std::string name;
  std::string origin;  // the tool that wrote it, e.g. "ATLAS.ti for Windows 23.2.3"
  std::vector<User> users;
  std::vector<Code> codes;  // depth-first, each code before its sub-codes
  std::vector<Variable> variables;
  std::vector<Case> cases;
  std::vector<TextSource> sources;
  UnsupportedParts unsupported;
};

// A GUID derived from a key ("code:e-governance"), the same on every run and machine: the first 16
// bytes of the key's SHA-256 as an RFC 9562 version 8 UUID, upper-case as most tools write them.
std::string derive_guid(std::string_view key);

// Whether the project comes from ATLAS.ti, which counts a CRLF as one character in its positions.
bool counts_crlf_as_one(const Project& project);

// Whether the project comes from NVivo, whose positions count UTF-16 code units, as .NET strings do
// (a character past U+FFFF, an emoji, counts two), not code points.
bool counts_utf16_units(const Project& project);

}  // namespace qda::refi
