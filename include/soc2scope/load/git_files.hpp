#pragma once

#include <filesystem>
#include <string>

#include <soc2scope/util/files.hpp>

namespace soc2scope::load {

// Files as they were at a git revision (`git show REV:path`), so `diff --against REV` loads
// the old declaration, its includes too, with the same loader. Paths are taken relative to
// the current directory, as on disk.
class GitFileSystem final : public util::FileSystem {
public:
    // Fails when the current directory is not inside a git work tree.
    static Result<GitFileSystem, std::string> open(std::string revision);

    Result<std::string, std::string> read(const std::filesystem::path& path,
                                          std::uint64_t max_size) override;
    std::vector<std::filesystem::path> glob(const std::filesystem::path& pattern) override;
    std::filesystem::path identity(const std::filesystem::path& path) override;
    Kind kind(const std::filesystem::path& path) override;
    std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir) override;

private:
    GitFileSystem(std::string revision, std::filesystem::path top, std::filesystem::path prefix)
        : m_revision(std::move(revision)), m_top(std::move(top)), m_prefix(std::move(prefix)) {}
    // The path inside the repository ("a/b.yaml"), or empty if it lies outside it.
    std::string in_repo(const std::filesystem::path& path) const;

    std::string m_revision;
    std::filesystem::path m_top;    // the work tree's top
    std::filesystem::path m_prefix; // the current directory, relative to the top
};

} // namespace soc2scope::load
