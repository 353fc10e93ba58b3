#include <algorithm>
#include <fnmatch.h>
#include <sstream>

#include <fmt/format.h>

#include <soc2scope/load/git_files.hpp>
#include <soc2scope/util/process.hpp>

namespace soc2scope::load {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t k_listing_limit = 64ull * 1024 * 1024;

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
        s.pop_back();
    }
    return s;
}

} // namespace

Result<GitFileSystem, std::string> GitFileSystem::open(std::string revision) {
    using R = Result<GitFileSystem, std::string>;
    auto top = util::run_process({"git", "rev-parse", "--show-toplevel"}, 1 << 16);
    if (!top || top->status != 0) {
        return R::failure("not inside a git work tree (diff --against reads the declaration "
                          "from git)");
    }
    auto prefix = util::run_process({"git", "rev-parse", "--show-prefix"}, 1 << 16);
    auto verify = util::run_process(
        {"git", "rev-parse", "--verify", "--quiet", revision + "^{commit}"}, 1 << 16);
    if (!verify || verify->status != 0) {
        return R::failure(fmt::format("'{}' is not a git revision here", revision));
    }
    return GitFileSystem(std::move(revision), trimmed(top->out),
                         prefix ? trimmed(prefix->out) : "");
}

std::string GitFileSystem::in_repo(const fs::path& path) const {
    const fs::path rel = (m_prefix / path).lexically_normal();
    if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") {
        return {};
    }
    return rel.generic_string();
}

Result<std::string, std::string> GitFileSystem::read(const fs::path& path, std::uint64_t max_size) {
    using R = Result<std::string, std::string>;
    const std::string name = in_repo(path);
    if (name.empty()) {
        return R::failure("outside the git repository");
    }
    auto shown =
        util::run_process({"git", "show", fmt::format("{}:{}", m_revision, name)}, max_size);
    if (!shown) {
        return R::failure(shown.error());
    }
    if (shown->status != 0) {
        return R::failure(fmt::format("no such file at {}", m_revision));
    }
    return std::move(shown->out);
}

std::vector<fs::path> GitFileSystem::glob(const fs::path& pattern) {
    std::vector<fs::path> out;
    const std::string pat = in_repo(pattern);
    if (pat.empty()) {
        return out;
    }
    auto listing =
        util::run_process({"git", "ls-tree", "-r", "--name-only", m_revision}, k_listing_limit);
    if (!listing || listing->status != 0) {
        return out;
    }
    std::istringstream lines(listing->out);
    std::string line;
    while (std::getline(lines, line)) {
        if (::fnmatch(pat.c_str(), line.c_str(), FNM_PATHNAME) == 0) {
            out.push_back(
                fs::path(line).lexically_relative(m_prefix.empty() ? fs::path(".") : m_prefix));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

fs::path GitFileSystem::identity(const fs::path& path) {
    return path.lexically_normal();
}

util::FileSystem::Kind GitFileSystem::kind(const fs::path& path) {
    return read(path, k_listing_limit) ? Kind::File : Kind::Missing;
}

std::vector<fs::path> GitFileSystem::files_under(const fs::path&) {
    return {}; // evidence is not read from history
}

} // namespace soc2scope::load
