#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <soc2scope/diag/diagnostic.hpp>
#include <soc2scope/model/declaration.hpp>
#include <soc2scope/util/files.hpp>
#include <soc2scope/yaml/document.hpp>

namespace soc2scope::load {

inline constexpr std::uint64_t k_default_max_file_size = 16ull * 1024 * 1024;
inline constexpr int k_supported_version = 1;

struct LoadOptions {
    std::uint64_t max_file_size = k_default_max_file_size; // per file
    std::size_t max_files = 1000;                          // across all includes
    yaml::ParseLimits limits;
};

struct LoadResult {
    // Set only when there are no errors (warnings may remain).
    std::optional<model::Declaration> declaration;
    diag::Diagnostics diagnostics;
    // Owns the text of every file touched, for quoting lines in diagnostics.
    std::shared_ptr<diag::SourceFiles> sources = std::make_shared<diag::SourceFiles>();

    bool ok() const { return declaration.has_value(); }
};

// Loads the declaration rooted at `path` and every file it includes, reporting every problem
// it finds rather than stopping at the first.
LoadResult load_file(const std::filesystem::path& path, util::FileSystem& fs,
                     const LoadOptions& options = {});

// Loads a declaration held in memory; `name` is what diagnostics call it. It can include
// nothing (there is no disk behind it): tests of includes use load_file with a
// util::MemoryFileSystem.
LoadResult load_string(std::string_view text, const std::string& name,
                       const LoadOptions& options = {});

} // namespace soc2scope::load
