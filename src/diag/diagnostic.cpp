#include <algorithm>

#include <fmt/format.h>

#include <soc2scope/diag/diagnostic.hpp>
#include <soc2scope/util/utf8.hpp>

namespace soc2scope::diag {

Diagnostic& Diagnostics::error(SourceLocation loc, std::string key_path, std::string message) {
    m_items.push_back(
        Diagnostic{Severity::Error, loc, std::move(key_path), std::move(message), {}});
    return m_items.back();
}

Diagnostic& Diagnostics::warning(SourceLocation loc, std::string key_path, std::string message) {
    m_items.push_back(
        Diagnostic{Severity::Warning, loc, std::move(key_path), std::move(message), {}});
    return m_items.back();
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(),
                      [](const auto& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const {
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(),
                      [](const auto& d) { return d.severity == Severity::Warning; }));
}

void Diagnostics::sort() {
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.location.file, a.location.line, a.location.column) <
               std::tie(b.location.file, b.location.line, b.location.column);
    });
}

std::string severity_name(Severity s) {
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "error";
}

namespace {

constexpr const char* k_bold = "\x1b[1m";
constexpr const char* k_reset = "\x1b[0m";

const char* severity_color(Severity s) {
    switch (s) {
    case Severity::Error:
        return "\x1b[1;31m";
    case Severity::Warning:
        return "\x1b[1;35m";
    case Severity::Note:
        return "\x1b[1;36m";
    }
    return "";
}

std::string location_prefix(const SourceLocation& loc, const SourceFiles& files) {
    if (!loc.known()) {
        return "soc2scope";
    }
    if (loc.line == 0) {
        return files.name(loc.file);
    }
    return fmt::format("{}:{}:{}", files.name(loc.file), loc.line, loc.column);
}

constexpr std::size_t k_max_quote = 200;

// One display cell per byte, so the caret stays under the byte column: tabs become
// spaces and control bytes become '?', and the quote cannot forge extra terminal lines.
std::string display_line(std::string_view line) {
    // A line that is not clean UTF-8 (the diagnostic is probably about that) shows its
    // non-ASCII bytes as '?' rather than sending them to the terminal.
    const bool clean = !util::check_text(line).has_value();
    std::string out;
    for (std::size_t i = 0; i < line.size() && i < k_max_quote; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        const bool replace = c < 0x20 || c == 0x7f || (c >= 0x80 && !clean);
        out += c == '\t' ? ' ' : replace ? '?' : line[i];
    }
    if (line.size() > k_max_quote) {
        out += "...";
    }
    return out;
}

void render_line(std::string& out, Severity sev, const SourceLocation& loc,
                 const std::string& key_path, const std::string& message, const SourceFiles& files,
                 const RenderOptions& opts) {
    const std::string where = location_prefix(loc, files);
    const std::string sev_name = severity_name(sev);
    if (opts.color) {
        out += fmt::format("{}{}:{} {}{}:{} ", k_bold, where, k_reset, severity_color(sev),
                           sev_name, k_reset);
    } else {
        out += fmt::format("{}: {}: ", where, sev_name);
    }
    if (!key_path.empty()) {
        out += key_path;
        out += ": ";
    }
    out += message;
    out += '\n';
    if (!opts.show_source || !loc.known() || loc.line == 0) {
        return;
    }
    const std::string_view line = files.line_text(loc.file, loc.line);
    if (line.empty() && loc.column <= 1) {
        return;
    }
    // Quote the line the way a compiler does; tabs are kept so the caret lines up under them.
    const std::string gutter = fmt::format("{:>5} | ", loc.line);
    out += gutter;
    out += display_line(line);
    out += '\n';
    std::string pad(gutter.size() - 2, ' ');
    pad += "| ";
    const std::size_t col = std::min<std::size_t>(loc.column > 0 ? loc.column - 1 : 0, k_max_quote);
    pad.append(col, ' ');
    out += pad;
    out += opts.color ? fmt::format("{}^{}", "\x1b[1;32m", k_reset) : "^";
    out += '\n';
}

} // namespace

std::string render_text(const Diagnostic& d, const SourceFiles& files, const RenderOptions& opts) {
    std::string out;
    render_line(out, d.severity, d.location, d.key_path, d.message, files, opts);
    for (const Note& n : d.notes) {
        render_line(out, Severity::Note, n.location, "", n.message, files, opts);
    }
    return out;
}

} // namespace soc2scope::diag
