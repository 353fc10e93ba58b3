#include <soc2scope/report/render.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::report {

std::string markdown_cell(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '|':
            out += "\\|";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '\r':
            break;
        case '\n':
            out += "<br>";
            break;
        default:
            out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out;
}

std::string terminal_text(std::string_view text) {
    return util::quote_for_message(text, text.size());
}

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
    std::string out;
    std::string line(indent);
    bool line_empty = true;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ') {
            ++i;
        }
        if (start == i) {
            break;
        }
        const std::string_view word = text.substr(start, i - start);
        if (!line_empty && line.size() + 1 + word.size() > width) {
            out += line;
            out += '\n';
            line = std::string(indent);
            line_empty = true;
        }
        if (!line_empty) {
            line += ' ';
        }
        line += word;
        line_empty = false;
    }
    if (!line_empty) {
        out += line;
        out += '\n';
    }
    return out;
}

} // namespace soc2scope::report
