#include <algorithm>

#include <soc2scope/diag/source.hpp>

namespace soc2scope::diag {

FileId SourceFiles::add(std::string name, std::string text) {
    auto file = std::make_unique<File>();
    file->name = std::move(name);
    file->text = std::move(text);
    m_files.push_back(std::move(file));
    return static_cast<FileId>(m_files.size() - 1);
}

const std::string& SourceFiles::name(FileId id) const {
    static const std::string k_unknown = "<unknown>";
    return id < m_files.size() ? m_files[id]->name : k_unknown;
}

std::string_view SourceFiles::text(FileId id) const {
    return id < m_files.size() ? std::string_view(m_files[id]->text) : std::string_view();
}

std::string_view SourceFiles::line_text(FileId id, std::uint32_t line) const {
    if (id >= m_files.size() || line == 0) {
        return {};
    }
    File& f = *m_files[id];
    if (f.line_starts.empty()) {
        f.line_starts.push_back(0);
        for (std::size_t i = 0; i < f.text.size(); ++i) {
            if (f.text[i] == '\n') {
                f.line_starts.push_back(i + 1);
            }
        }
    }
    if (line > f.line_starts.size()) {
        return {};
    }
    const std::size_t begin = f.line_starts[line - 1];
    std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
    if (end > begin && f.text[end - 1] == '\r') {
        --end;
    }
    return std::string_view(f.text).substr(begin, end - begin);
}

} // namespace soc2scope::diag
