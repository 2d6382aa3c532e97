// SHA-256 against the FIPS 180-2 test vectors.
#include <gtest/gtest.h>

#include "qda/error.hpp"
#include "qda/hash.hpp"
#include "temp_folder.hpp"

namespace qda {

TEST(Sha256, MatchesFipsVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, HashesFilesInChunks) {
  testing::TempFolder folder;
  const std::string million(1000000, 'a');  // FIPS 180-2's third vector
  testing::write_bytes(folder / "a.txt", million);
  EXPECT_EQ(sha256_file(folder / "a.txt"), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, MissingFileIsAnIoError) {
  try {
    sha256_file("/nonexistent/qda.txt");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::Io);
    EXPECT_EQ(error.where().file, "/nonexistent/qda.txt");
  }
}

}  // namespace qda
