#pragma once

#include <string>
#include <vector>

#include <soc2scope/diag/source.hpp>

namespace soc2scope::diag {

enum class Severity { Error, Warning, Note };

struct Note {
    SourceLocation location;
    std::string message;
};

// One problem with the input, as data: the loader returns all of them and the CLI renders
// them last (ccache's config reader, mold's error collection).
struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLocation location;
    std::string key_path; // e.g. "components[2].scope"; empty for file-level problems
    std::string message;
    std::vector<Note> notes;
};

class Diagnostics {
public:
    Diagnostic& error(SourceLocation loc, std::string key_path, std::string message);
    Diagnostic& warning(SourceLocation loc, std::string key_path, std::string message);
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return m_items; }
    bool empty() const { return m_items.empty(); }
    // Stable order for output: by file id, line, column, then as reported.
    void sort();

private:
    std::vector<Diagnostic> m_items;
};

struct RenderOptions {
    bool color = false;
    bool show_source = true; // the offending line and a caret under the column
};

// "file:line:col: error: key.path: message", then the source line and a caret, then notes.
std::string render_text(const Diagnostic& d, const SourceFiles& files, const RenderOptions& opts);
std::string severity_name(Severity s);

} // namespace soc2scope::diag
