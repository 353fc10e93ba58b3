#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <soc2scope/model/declaration.hpp>
#include <soc2scope/util/files.hpp>
#include <soc2scope/util/result.hpp>

namespace soc2scope::evidence {

struct EvidenceFile {
    std::string name;           // relative to the declaration's folder, '/'-separated
    std::filesystem::path path; // where to read it
    bool outside = false;       // reached only because --allow-outside was given
};

struct Collected {
    std::vector<EvidenceFile> files;  // sorted by name, each once
    std::vector<std::string> skipped; // entries that could not be used, and why
};

// Every file the declaration's evidence paths name, folders walked in sorted order. Paths
// leaving the declaration's folder are refused (an error naming them) unless
// `allow_outside`; paths that do not exist are listed in `skipped`.
Result<Collected, std::string> collect_files(const model::Declaration& decl,
                                             const std::filesystem::path& root_dir,
                                             util::FileSystem& fs, bool allow_outside);

// `sha256sum`'s output format: "<hash>  <name>\n", with its escaping of '\' and newlines.
// `prefix` is prepended to every name (the archive keeps files under "files/").
Result<std::string, std::string> make_manifest(const std::vector<EvidenceFile>& files,
                                               std::string_view prefix = "");

struct PackContents {
    std::vector<EvidenceFile> files;
    std::string manifest; // names relative to the bundle's folder
    std::string checklist_markdown;
    std::string checklist_html;
    util::Date as_of; // every entry's modification time, so the archive is reproducible
};

// Writes a .tar.gz for the auditor: soc2scope-evidence/{MANIFEST.sha256, checklist.md,
// checklist.html, files/...}. Written to a temporary file and renamed, so a failure never
// leaves a partial archive.
Result<bool, std::string> write_pack(const std::filesystem::path& out,
                                     const PackContents& contents);

} // namespace soc2scope::evidence
