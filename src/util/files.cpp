#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <soc2scope/util/files.hpp>

namespace soc2scope::util {

namespace fs = std::filesystem;

bool has_glob_chars(std::string_view pattern) {
    return pattern.find_first_of("*?[") != std::string_view::npos;
}

std::string format_size(std::uint64_t bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
        return fmt::format("{} MiB", bytes / (1024 * 1024));
    }
    if (bytes >= 1024 * 1024) {
        return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    }
    return fmt::format("{} bytes", bytes);
}

namespace {

std::string errno_text(int err) {
    switch (err) {
    case ENOENT:
        return "no such file";
    case EACCES:
        return "permission denied";
    case EISDIR:
        return "is a directory, not a file";
    default:
        return std::strerror(err);
    }
}

std::string too_large(std::uint64_t size, std::uint64_t max_size) {
    return fmt::format("file is {}, over the {} limit (raise it with --max-file-size)",
                       format_size(size), format_size(max_size));
}

} // namespace

Result<std::string, std::string> DiskFileSystem::read(const fs::path& path,
                                                      std::uint64_t max_size) {
    using R = Result<std::string, std::string>;
    // O_NONBLOCK so a FIFO given as the declaration cannot block the open forever.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return R::failure(errno_text(errno));
    }
    struct FdGuard {
        int fd;
        ~FdGuard() { ::close(fd); }
    } guard{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        return R::failure(errno_text(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        return R::failure("is a directory, not a file");
    }
    if (!S_ISREG(st.st_mode)) {
        return R::failure("is not a regular file");
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > max_size) {
        return R::failure(too_large(size, max_size));
    }
    std::string content;
    content.resize(static_cast<std::size_t>(size));
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t got = ::read(fd, content.data() + done, content.size() - done);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return R::failure(errno_text(errno));
        }
        if (got == 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    content.resize(done);
    return content;
}

std::vector<fs::path> DiskFileSystem::glob(const fs::path& pattern) {
    std::vector<fs::path> out;
    glob_t g{};
    if (::glob(pattern.c_str(), GLOB_NOSORT, nullptr, &g) == 0) {
        for (std::size_t i = 0; i < g.gl_pathc; ++i) {
            out.emplace_back(g.gl_pathv[i]);
        }
    }
    ::globfree(&g);
    std::sort(out.begin(), out.end());
    return out;
}

fs::path DiskFileSystem::identity(const fs::path& path) {
    // Absolute first: weakly_canonical leaves a relative path relative when none of it
    // exists, and it would then compare as outside every absolute folder.
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    if (ec) {
        return path.lexically_normal();
    }
    fs::path canonical = fs::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : canonical;
}

FileSystem::Kind DiskFileSystem::kind(const fs::path& path) {
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
        return Kind::Missing;
    }
    if (fs::is_regular_file(st)) {
        return Kind::File;
    }
    return fs::is_directory(st) ? Kind::Directory : Kind::Other;
}

std::vector<fs::path> DiskFileSystem::files_under(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            out.push_back(it->path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

void MemoryFileSystem::add(const fs::path& path, std::string content) {
    m_files[path.lexically_normal()] = std::move(content);
}

Result<std::string, std::string> MemoryFileSystem::read(const fs::path& path,
                                                        std::uint64_t max_size) {
    using R = Result<std::string, std::string>;
    auto it = m_files.find(path.lexically_normal());
    if (it == m_files.end()) {
        return R::failure("no such file");
    }
    if (it->second.size() > max_size) {
        return R::failure(too_large(it->second.size(), max_size));
    }
    return it->second;
}

std::vector<fs::path> MemoryFileSystem::glob(const fs::path& pattern) {
    std::vector<fs::path> out;
    const std::string pat = pattern.lexically_normal().string();
    for (const auto& [path, content] : m_files) {
        if (::fnmatch(pat.c_str(), path.c_str(), FNM_PATHNAME) == 0) {
            out.push_back(path);
        }
    }
    return out; // std::map keeps them sorted
}

fs::path MemoryFileSystem::identity(const fs::path& path) {
    return path.lexically_normal();
}

FileSystem::Kind MemoryFileSystem::kind(const fs::path& path) {
    const fs::path p = path.lexically_normal();
    if (m_files.contains(p)) {
        return Kind::File;
    }
    return files_under(p).empty() ? Kind::Missing : Kind::Directory;
}

std::vector<fs::path> MemoryFileSystem::files_under(const fs::path& dir) {
    std::vector<fs::path> out;
    const fs::path d = dir.lexically_normal();
    for (const auto& [path, content] : m_files) {
        if (path != d && is_within(path, d)) {
            out.push_back(path);
        }
    }
    return out;
}

bool is_within(const fs::path& path, const fs::path& dir) {
    const fs::path base = dir.empty() ? fs::path(".") : dir;
    const fs::path rel = path.lexically_normal().lexically_relative(base.lexically_normal());
    return !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
}

Result<bool, std::string> write_file_atomically(const fs::path& path, std::string_view content) {
    using R = Result<bool, std::string>;
    const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::string tmpl = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        return R::failure(fmt::format("cannot create a temporary file in {}: {}", dir.string(),
                                      errno_text(errno)));
    }
    auto fail = [&](const std::string& what) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        return R::failure(fmt::format("cannot write {}: {}", path.string(), what));
    };
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t put = ::write(fd, content.data() + done, content.size() - done);
        if (put < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(errno_text(errno));
        }
        done += static_cast<std::size_t>(put);
    }
    // mkstemp creates 0600; reports are ordinary files, so honour the umask like a shell would.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::fsync(fd) != 0) {
        return fail(errno_text(errno));
    }
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        return R::failure(fmt::format("cannot write {}: {}", path.string(), errno_text(errno)));
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return R::failure(fmt::format("cannot write {}: {}", path.string(), errno_text(err)));
    }
    return true;
}

} // namespace soc2scope::util
