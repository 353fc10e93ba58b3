#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace soc2scope::diag {

using FileId = std::uint32_t;
inline constexpr FileId k_no_file = 0xffffffffu;

// Where a value came from. 1-based line and column, as editors and compilers print them;
// line 0 means "the file as a whole" (e.g. it could not be read).
struct SourceLocation {
    FileId file = k_no_file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    bool known() const { return file != k_no_file; }
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// Every file a load touched, by id: its name as the user gave it (so messages print the
// path they typed) and its text (so a diagnostic can quote the offending line).
class SourceFiles {
public:
    FileId add(std::string name, std::string text);
    const std::string& name(FileId id) const;
    std::string_view text(FileId id) const;
    std::string_view line_text(FileId id, std::uint32_t line) const;
    std::size_t size() const { return m_files.size(); }

private:
    struct File {
        std::string name;
        std::string text;
        std::vector<std::size_t> line_starts; // computed lazily on first quote
    };
    std::vector<std::unique_ptr<File>> m_files;
};

} // namespace soc2scope::diag
