#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <unistd.h>

#include <fmt/format.h>

#include <soc2scope/evidence/bundle.hpp>
#include <soc2scope/util/sha256.hpp>

namespace soc2scope::evidence {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_chunk = 1 << 20;
constexpr std::string_view k_bundle_dir = "soc2scope-evidence/";

// A name for a file outside the folder, inside the bundle: each ".." becomes "__".
std::string outside_name(const fs::path& resolved) {
    std::string out = "outside";
    for (const auto& part : resolved.lexically_normal()) {
        const std::string p = part.string();
        if (p == "/" || p.empty()) {
            continue;
        }
        out += "/" + (p == ".." ? std::string("__") : p);
    }
    return out;
}

} // namespace

Result<Collected, std::string> collect_files(const model::Declaration& decl,
                                             const fs::path& root_dir, util::FileSystem& files,
                                             bool allow_outside) {
    using R = Result<Collected, std::string>;
    Collected out;
    std::map<std::string, EvidenceFile> by_name;
    const fs::path root = root_dir.empty() ? fs::path(".") : root_dir;
    for (const auto& e : decl.evidence) {
        if (!e.path.present()) {
            continue;
        }
        const fs::path rel(e.path.value);
        const fs::path resolved = (fs::path(e.base_dir) / rel).lexically_normal();
        const bool inside = !rel.is_absolute() && util::is_within(resolved, root) &&
                            util::is_within(files.identity(resolved), files.identity(root));
        if (!inside && !allow_outside) {
            return R::failure(fmt::format("{} (evidence for {}) is outside the declaration's "
                                          "folder; pass --allow-outside to include it",
                                          e.path.value, e.satisfies.items.front().value));
        }
        auto add = [&](const fs::path& file) {
            EvidenceFile f;
            f.path = file;
            f.outside = !inside;
            f.name = inside ? file.lexically_normal().lexically_relative(root).generic_string()
                            : outside_name(file);
            by_name.emplace(f.name, std::move(f));
        };
        switch (files.kind(resolved)) {
        case util::FileSystem::Kind::File:
            add(resolved);
            break;
        case util::FileSystem::Kind::Directory:
            for (const fs::path& f : files.files_under(resolved)) {
                // A symlink inside a folder may lead out of it; it is not followed either.
                if (!inside || util::is_within(files.identity(f), files.identity(root)) ||
                    allow_outside) {
                    add(f);
                } else {
                    out.skipped.push_back(fmt::format("{}: leads outside the declaration's folder",
                                                      f.generic_string()));
                }
            }
            break;
        default:
            out.skipped.push_back(fmt::format("{}: does not exist", resolved.generic_string()));
            break;
        }
    }
    for (auto& [name, f] : by_name) {
        out.files.push_back(std::move(f));
    }
    return out;
}

Result<std::string, std::string> make_manifest(const std::vector<EvidenceFile>& files,
                                               std::string_view prefix) {
    std::string out;
    for (const EvidenceFile& f : files) {
        auto digest = util::sha256_file(f.path);
        if (!digest) {
            return Result<std::string, std::string>::failure(digest.error());
        }
        const std::string name = std::string(prefix) + f.name;
        // GNU sha256sum marks a name holding '\' or a newline with a leading '\' and escapes them.
        if (name.find_first_of("\\\n") != std::string::npos) {
            std::string escaped;
            for (char ch : name) {
                escaped += ch == '\\' ? "\\\\" : ch == '\n' ? "\\n" : std::string(1, ch);
            }
            out += fmt::format("\\{}  {}\n", *digest, escaped);
        } else {
            out += fmt::format("{}  {}\n", *digest, name);
        }
    }
    return out;
}

namespace {

struct ArchiveWriter {
    archive* a = archive_write_new();
    ~ArchiveWriter() { archive_write_free(a); }
};

struct Entry {
    archive_entry* e = archive_entry_new();
    ~Entry() { archive_entry_free(e); }
};

} // namespace

Result<bool, std::string> write_pack(const fs::path& out, const PackContents& c) {
    using R = Result<bool, std::string>;
    const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    std::string tmp = (dir / ("." + out.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) {
        return R::failure(fmt::format("cannot write {}: {}", out.string(), std::strerror(errno)));
    }
    ::close(fd);
    auto fail = [&](const std::string& why) {
        ::unlink(tmp.c_str());
        return R::failure(fmt::format("cannot write {}: {}", out.string(), why));
    };

    ArchiveWriter w;
    archive_write_add_filter_gzip(w.a);
    archive_write_set_format_pax_restricted(w.a);
    archive_write_set_options(w.a, "gzip:!timestamp"); // reproducible bytes
    if (archive_write_open_filename(w.a, tmp.c_str()) != ARCHIVE_OK) {
        return fail(archive_error_string(w.a));
    }
    const auto mtime = static_cast<time_t>(c.as_of.to_days() * 86400);
    auto header = [&](const std::string& name, std::int64_t size) {
        Entry entry;
        archive_entry_set_pathname(entry.e, (std::string(k_bundle_dir) + name).c_str());
        archive_entry_set_size(entry.e, size);
        archive_entry_set_filetype(entry.e, AE_IFREG);
        archive_entry_set_perm(entry.e, 0644);
        archive_entry_set_mtime(entry.e, mtime, 0);
        return archive_write_header(w.a, entry.e) == ARCHIVE_OK;
    };
    auto add_text = [&](const std::string& name, std::string_view text) {
        return header(name, static_cast<std::int64_t>(text.size())) &&
               archive_write_data(w.a, text.data(), text.size()) >= 0;
    };
    if (!add_text("MANIFEST.sha256", c.manifest) ||
        !add_text("checklist.md", c.checklist_markdown) ||
        !add_text("checklist.html", c.checklist_html)) {
        return fail(archive_error_string(w.a));
    }
    std::unique_ptr<char[]> buffer(new char[k_chunk]);
    for (const EvidenceFile& f : c.files) {
        std::error_code ec;
        const auto size = fs::file_size(f.path, ec);
        if (ec) {
            return fail(fmt::format("{}: {}", f.path.string(), ec.message()));
        }
        const int in = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (in < 0) {
            return fail(fmt::format("{}: {}", f.path.string(), std::strerror(errno)));
        }
        bool ok = header("files/" + f.name, static_cast<std::int64_t>(size));
        std::uintmax_t done = 0;
        while (ok && done < size) {
            const ssize_t got = ::read(in, buffer.get(), k_chunk);
            if (got <= 0) {
                ok = got == 0 ? false : errno == EINTR;
                continue;
            }
            ok = archive_write_data(w.a, buffer.get(), static_cast<std::size_t>(got)) >= 0;
            done += static_cast<std::uintmax_t>(got);
        }
        ::close(in);
        if (!ok) {
            return fail(fmt::format("{}: could not be archived (did it change while packing?)",
                                    f.path.string()));
        }
    }
    if (archive_write_close(w.a) != ARCHIVE_OK) {
        return fail(archive_error_string(w.a));
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(tmp.c_str(), 0666 & ~mask);
    if (::rename(tmp.c_str(), out.c_str()) != 0) {
        return fail(std::strerror(errno));
    }
    return true;
}

} // namespace soc2scope::evidence
