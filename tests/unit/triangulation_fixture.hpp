// A small hand-built study for the tools after qda-code: three sources (a and b say x is there and
// both name SIPD; c says it is not, naming QRIS; y: only a speaks to it, b was asked and said nothing,
// c was never asked; z: nobody), two coders, their codings and the coded questions, triangulated
// in-process.
#pragma once

#include <sstream>
#include <string>

#include "corpus_fixture.hpp"
#include "qda/schema.hpp"
#include "qda/triangulate_run.hpp"
#include "qda/yaml.hpp"

namespace qda::testing {

inline const std::string kHeader = "source,segment,code,coder,stance,start,end,rule,cue,memo\n";

inline constexpr const char* kCodebook = R"(kind: qda/codebook
version: 1
title: test
stances:
  values: [present, partial, absent]
  default: present
codes:
  - id: x
    name: Layanan
  - id: y
    name: Lainnya
  - id: z
    name: Tak disinggung
)";

// Three sources: a and b say x is there and both name SIPD; c says it is not, naming QRIS. y: only a
// speaks to it; b was asked and said nothing; c was never asked. z: nobody.
struct TriangulationFixture {
  TempFolder folder;
  TriangulateOptions options;
  TriangulationFixture() {
    options.corpus = import_corpus(folder,
                                            {{"a.txt", "Q: Bagaimana layanan?\n\nA: Layanan jalan lewat SIPD dan Srikandi.\n\n"
                                                       "Q: Ada lagi?\n\nA: Belum ada yang lain.\n"},
                                             {"b.txt", "Q: Bagaimana layanan?\n\nB: Kami pakai SIPD juga.\n\nQ: Lainnya?\n\n"
                                                       "B: Tidak tahu.\n"},
                                             {"c.txt", "Q: Cerita saja.\n\nC: Di sini tidak ada QRIS.\n\nQ: Oke?\n\nC: Ya.\n"}},
                                            "file,role\na.txt,staf\nb.txt,staf\nc.txt,kepala\n")
                         .string();
    write_bytes(folder / "codebook.yaml", kCodebook);
    options.codebook = (folder / "codebook.yaml").string();
    codings(kHeader +
            "a,a:1,x,ana,present,0,1,,,\n"
            "a,a:2,x,ana,present,0,1,,,\n"
            "a,a:2,x,budi,partial,0,1,,,\n"
            "a,a:4,y,ana,absent,0,1,,,\n"
            "b,b:1,x,ana,present,0,1,,,\n"
            "b,b:2,x,ana,present,0,1,,,\n"
            "b,b:2,x,budi,present,0,1,,,\n"
            "b,b:3,y,ana,present,0,1,,,\n"
            "c,c:2,x,ana,absent,0,1,,,\n"
            "c,c:2,x,budi,absent,0,1,,,\n");
    options.coder = "ana";
  }
  void codings(const std::string& text) {
    write_bytes(folder / "codings.csv", text);
    options.codings = (folder / "codings.csv").string();
  }
  YAML::Node run(const TriangulateOptions& with) {
    std::ostringstream out;
    run_triangulate(with, out);
    const YAML::Node document = parse_yaml(out.str(), "stdout");
    validate_against_schema(document, "triangulation", "stdout");
    return document;
  }
  YAML::Node run() { return run(options); }
};

}  // namespace qda::testing
