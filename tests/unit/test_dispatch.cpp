// The qda dispatcher's lookup: beside qda first, then PATH.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "qda/dispatch.hpp"
#include "temp_folder.hpp"

namespace qda {

namespace {
void make_executable(const std::filesystem::path& path) {
  testing::write_bytes(path, "#!/bin/sh\n");
  ::chmod(path.c_str(), 0755);
}
}  // namespace

TEST(Dispatch, FindsCommandsBesideItselfBeforePath) {
  testing::TempFolder folder;
  make_executable(folder / "own" / "qda-import");
  make_executable(folder / "path" / "qda-import");
  make_executable(folder / "path" / "qda-code");
  testing::write_bytes(folder / "path" / "qda-agree", "not executable");
  const std::string path_variable = "/nonexistent:" + (folder / "path").string();
  EXPECT_EQ(find_command("import", folder / "own", path_variable), folder / "own" / "qda-import");
  EXPECT_EQ(find_command("code", folder / "own", path_variable), folder / "path" / "qda-code");
  EXPECT_FALSE(find_command("agree", folder / "own", path_variable));
  EXPECT_FALSE(find_command("../qda-import", folder / "own", path_variable));
}

TEST(Dispatch, HelpListsOnlyInstalledCommands) {
  testing::TempFolder folder;
  make_executable(folder / "qda-import");
  const std::string help = dispatcher_help(folder.path(), "");
  EXPECT_NE(help.find("import"), std::string::npos);
  EXPECT_EQ(help.find("triangulate"), std::string::npos);
}

}  // namespace qda
