// qda-merge: shards of a study, imported or coded on their own, merged into what one run would have
// written (docs/qda-merge.md, docs/scale.md).
#include "qda/cli.hpp"
#include "qda/merge_run.hpp"

int main(int argc, char** argv) {
  qda::MergeOptions options;
  qda::cli::Tool tool("qda-merge", "Merge the corpora qda-import made of disjoint sets of sources, or the codings.csv qda-code "
                                   "made of them, into the bytes one run over all the sources writes.");
  CLI::App& app = tool.app();
  app.add_option("what", options.what, "What to merge: corpus (shard folders) or codings (the shards' codings.csv)")
      ->required()->check(CLI::IsMember({"corpus", "codings"}));
  app.add_option("shards", options.inputs, "corpus: folders qda-import wrote (or their corpus.yaml); codings: codings.csv files")
      ->required();
  app.add_option("-o,--output", options.output, "corpus: the folder for the merged corpus; codings: the merged codings.csv")
      ->required();
  app.add_option("--corpus", options.corpus, "codings: the merged corpus.yaml, whose source order the rows follow");
  app.add_option("--codebook", options.codebook, "codings: the codebook (.yaml or .qdc) every shard was coded with");
  return tool.run(argc, argv, [&] { qda::run_merge(options); });
}
