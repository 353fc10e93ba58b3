#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <soc2scope/util/result.hpp>

namespace soc2scope::util {

// The loader reads through this interface (ninja's DiskInterface), so tests and the fuzzer
// load declarations from memory with the same code path as the disk.
class FileSystem {
public:
    virtual ~FileSystem() = default;

    // Reads a whole regular file, refusing anything larger than `max_size` before reading it.
    // The error is a sentence fragment such as "no such file" to follow the file's name.
    virtual Result<std::string, std::string> read(const std::filesystem::path& path,
                                                  std::uint64_t max_size) = 0;

    // Files matching a glob pattern (`*`, `?`, `[...]`), sorted, so includes load in a
    // deterministic order on every machine.
    virtual std::vector<std::filesystem::path> glob(const std::filesystem::path& pattern) = 0;

    // A stable identity for a path, to detect include cycles through `..` and symlinks.
    virtual std::filesystem::path identity(const std::filesystem::path& path) = 0;

    enum class Kind { Missing, File, Directory, Other };
    // What is at `path`, following symlinks.
    virtual Kind kind(const std::filesystem::path& path) = 0;

    // Regular files under a directory, recursively, in sorted order (so manifests and
    // archives come out the same on every machine). Symlinked directories are not entered.
    virtual std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir) = 0;
};

class DiskFileSystem final : public FileSystem {
public:
    Result<std::string, std::string> read(const std::filesystem::path& path,
                                          std::uint64_t max_size) override;
    std::vector<std::filesystem::path> glob(const std::filesystem::path& pattern) override;
    std::filesystem::path identity(const std::filesystem::path& path) override;
    Kind kind(const std::filesystem::path& path) override;
    std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir) override;
};

class MemoryFileSystem final : public FileSystem {
public:
    void add(const std::filesystem::path& path, std::string content);

    Result<std::string, std::string> read(const std::filesystem::path& path,
                                          std::uint64_t max_size) override;
    std::vector<std::filesystem::path> glob(const std::filesystem::path& pattern) override;
    std::filesystem::path identity(const std::filesystem::path& path) override;
    Kind kind(const std::filesystem::path& path) override;
    std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir) override;

private:
    std::map<std::filesystem::path, std::string> m_files;
};

bool has_glob_chars(std::string_view pattern);

// Whether `path` lies inside `dir` once both are normalized (no "..", not elsewhere).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& dir);

// Writes `content` to a temporary file beside `path`, flushes it, then renames it over
// `path`: readers see the old file or the new one, never a truncated one.
Result<bool, std::string> write_file_atomically(const std::filesystem::path& path,
                                                std::string_view content);

std::string format_size(std::uint64_t bytes);

} // namespace soc2scope::util
