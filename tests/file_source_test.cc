// DiskFiles reads regular files only, with a size bound: a FIFO, a device or a directory is
// refused at once (never blocks, never reads without end, never reads as empty), with why.
#include "sim/file_source.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "tests/scratch_fixture.h"

namespace telsim {
namespace {

class FileSourceTest : public telsim_test::ScratchTest {};

TEST_F(FileSourceTest, ARegularFileIsReadWhole) {
  std::string text = "at,party,action,argument\n" + std::string(200000, 'x') + "\n";
  std::string path = write("a.csv", text);
  std::string why;
  EXPECT_EQ(DiskFiles().read(path, &why), text);
}

TEST_F(FileSourceTest, WhatIsNoRegularFileIsRefusedWithTheReason) {
  std::string why;
  DiskFiles disk;
  EXPECT_FALSE(disk.read((dir / "missing.csv").string(), &why));
  EXPECT_EQ(why, "does not exist");
  EXPECT_FALSE(disk.read(dir.string(), &why));
  EXPECT_NE(why.find("is a directory"), std::string::npos) << why;

  std::string fifo = (dir / "pipe.csv").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(disk.read(fifo, &why));  // a FIFO with no writer: refused, not waited on
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(why.find("not a regular file"), std::string::npos) << why;

  EXPECT_FALSE(disk.read("/dev/zero", &why));  // endless: refused, not read
  EXPECT_NE(why.find("not a regular file"), std::string::npos) << why;
}

TEST_F(FileSourceTest, AFileOverTheBoundIsRefused) {
  std::string path = (dir / "big.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out.seekp(static_cast<std::streamoff>(kMaxFileBytes));  // sparse: no 16 MiB written
    out.put('x');
  }
  std::string why;
  EXPECT_FALSE(DiskFiles().read(path, &why));
  EXPECT_NE(why.find("larger than 16 MiB"), std::string::npos) << why;
  MemoryFiles mem;
  mem.files["m"] = std::string(kMaxFileBytes + 1, 'x');
  EXPECT_FALSE(mem.read("m", &why));
}

}  // namespace
}  // namespace telsim
