#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <soc2scope/util/files.hpp>

namespace fs = std::filesystem;
using namespace soc2scope::util;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "soc2scope-test-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("DiskFileSystem reads files and refuses what it should", "[util][files]") {
    TempDir dir;
    DiskFileSystem disk;
    std::ofstream(dir.path / "a.yaml") << "version: 1\n";

    auto ok = disk.read(dir.path / "a.yaml", 1024);
    REQUIRE(ok);
    CHECK(*ok == "version: 1\n");

    auto small = disk.read(dir.path / "a.yaml", 4);
    REQUIRE_FALSE(small);
    CHECK(small.error().find("over the 4 bytes limit") != std::string::npos);

    auto missing = disk.read(dir.path / "nope.yaml", 1024);
    REQUIRE_FALSE(missing);
    CHECK(missing.error() == "no such file");

    auto directory = disk.read(dir.path, 1024);
    REQUIRE_FALSE(directory);
    CHECK(directory.error() == "is a directory, not a file");
}

TEST_CASE("a path's identity is absolute even when nothing of it exists", "[util][files]") {
    // A missing evidence file in a missing folder, relative to the working directory, was
    // compared as a relative path with an absolute folder and taken to lie outside it.
    DiskFileSystem disk;
    const auto here = disk.identity(".");
    const auto missing = disk.identity("no-such-folder/no-such-file.md");
    CHECK(missing.is_absolute());
    CHECK(missing == here / "no-such-folder" / "no-such-file.md");
    CHECK(is_within(missing, here));
}

TEST_CASE("globs come back sorted", "[util][files]") {
    TempDir dir;
    DiskFileSystem disk;
    for (const char* name : {"c.yaml", "a.yaml", "b.yml", "b.yaml"}) {
        std::ofstream(dir.path / name) << "x";
    }
    const auto matches = disk.glob(dir.path / "*.yaml");
    REQUIRE(matches.size() == 3);
    CHECK(matches[0].filename() == "a.yaml");
    CHECK(matches[1].filename() == "b.yaml");
    CHECK(matches[2].filename() == "c.yaml");

    MemoryFileSystem mem;
    mem.add("d/z.yaml", "");
    mem.add("d/a.yaml", "");
    mem.add("d/sub/a.yaml", "");
    const auto in_memory = mem.glob("d/*.yaml");
    REQUIRE(in_memory.size() == 2);
    CHECK(in_memory[0] == fs::path("d/a.yaml"));
}

TEST_CASE("write_file_atomically replaces whole files and leaves no temporary", "[util][files]") {
    TempDir dir;
    const fs::path target = dir.path / "report.txt";
    std::ofstream(target) << "old";
    REQUIRE(write_file_atomically(target, "new contents"));
    CHECK(slurp(target) == "new contents");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);

    auto bad = write_file_atomically(dir.path / "missing" / "report.txt", "x");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().find("missing") != std::string::npos);
    CHECK(slurp(target) == "new contents");
}

TEST_CASE("format_size prints what people read", "[util][files]") {
    CHECK(format_size(16ull * 1024 * 1024) == "16 MiB");
    CHECK(format_size(17825792 + 1) == "17.0 MiB");
    CHECK(format_size(512) == "512 bytes");
}
