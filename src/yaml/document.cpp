#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <yaml.h>

#include <fmt/format.h>

#include <soc2scope/util/strings.hpp>
#include <soc2scope/yaml/document.hpp>

namespace soc2scope::yaml {

using diag::SourceLocation;

NodeKind NodeRef::kind() const {
    return m_doc->m_nodes[m_id].kind;
}

bool NodeRef::is_quoted() const {
    return m_doc->m_nodes[m_id].quoted;
}

SourceLocation NodeRef::location() const {
    const auto& n = m_doc->m_nodes[m_id];
    return SourceLocation{m_doc->m_file, n.line, n.column};
}

std::string_view NodeRef::scalar() const {
    const auto& n = m_doc->m_nodes[m_id];
    if (n.kind != NodeKind::Scalar) {
        return {};
    }
    return std::string_view(m_doc->m_strings).substr(n.first, n.count);
}

std::size_t NodeRef::size() const {
    const auto& n = m_doc->m_nodes[m_id];
    return n.kind == NodeKind::Sequence || n.kind == NodeKind::Mapping ? n.count : 0;
}

NodeRef NodeRef::item(std::size_t i) const {
    return NodeRef(m_doc, m_doc->m_children[m_doc->m_nodes[m_id].first + i]);
}

NodeRef NodeRef::key(std::size_t i) const {
    return NodeRef(m_doc, m_doc->m_children[m_doc->m_nodes[m_id].first + 2 * i]);
}

NodeRef NodeRef::value(std::size_t i) const {
    return NodeRef(m_doc, m_doc->m_children[m_doc->m_nodes[m_id].first + 2 * i + 1]);
}

NodeRef NodeRef::find(std::string_view name) const {
    if (!is_mapping()) {
        return {};
    }
    for (std::size_t i = 0; i < size(); ++i) {
        if (key(i).scalar() == name) {
            return value(i);
        }
    }
    return {};
}

std::string NodeRef::describe() const {
    switch (kind()) {
    case NodeKind::Null:
        return "nothing (null)";
    case NodeKind::Sequence:
        return "a list";
    case NodeKind::Mapping:
        return "a mapping";
    case NodeKind::Scalar:
        return fmt::format("'{}'", util::quote_for_message(scalar()));
    }
    return "a value";
}

namespace {

struct Abort {
    SourceLocation location;
    std::string message;
};

constexpr std::uint64_t k_saturated = std::numeric_limits<std::uint64_t>::max() / 4;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// Turns libyaml's marks (counted in characters, with its own idea of line breaks) into the
// byte columns and '\n'-separated lines that SourceFiles quotes, so a caret lands under the
// byte it is about. Marks arrive almost in order, so both conversions walk from a cursor.
class Positions {
public:
    Positions(std::string_view text, std::size_t skipped, diag::FileId file)
        : m_text(text), m_file(file), m_byte(skipped), m_skipped(skipped) {
        m_ascii = true;
        for (const char c : text) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                m_ascii = false;
                break;
            }
        }
    }

    // `index` counts characters from the start of what libyaml was given.
    SourceLocation at_char(std::size_t index) {
        return at_byte(m_ascii ? m_skipped + index : byte_of(index));
    }

    // `offset` counts bytes from the start of what libyaml was given.
    SourceLocation at_input_byte(std::size_t offset) { return at_byte(m_skipped + offset); }

    SourceLocation at_byte(std::size_t offset) {
        offset = std::min(offset, m_text.size());
        // The end of a file that ends its last line: point after that line's last character
        // rather than at a line that is not there.
        if (offset == m_text.size() && offset > 0 && m_text[offset - 1] == '\n') {
            --offset;
        }
        while (offset < m_line_start) { // back to the previous line
            --m_line;
            const std::size_t prev =
                m_line_start >= 2 ? m_text.rfind('\n', m_line_start - 2) : std::string_view::npos;
            m_line_start = prev == std::string_view::npos ? 0 : prev + 1;
        }
        for (;;) {
            const void* nl = std::memchr(m_text.data() + m_line_start, '\n', offset - m_line_start);
            if (nl == nullptr) {
                break;
            }
            ++m_line;
            m_line_start =
                static_cast<std::size_t>(static_cast<const char*>(nl) - m_text.data()) + 1;
        }
        // A byte-order mark is invisible: columns on the first line start after it.
        const std::size_t from = m_line == 1 ? std::max(m_line_start, m_skipped) : m_line_start;
        return SourceLocation{m_file, m_line,
                              static_cast<std::uint32_t>(offset - std::min(offset, from) + 1)};
    }

private:
    static bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

    std::size_t byte_of(std::size_t index) {
        while (m_chars < index && m_byte < m_text.size()) {
            ++m_byte;
            while (m_byte < m_text.size() && continuation(m_text[m_byte])) {
                ++m_byte;
            }
            ++m_chars;
        }
        while (m_chars > index && m_byte > m_skipped) {
            --m_byte;
            while (m_byte > m_skipped && continuation(m_text[m_byte])) {
                --m_byte;
            }
            --m_chars;
        }
        return m_byte;
    }

    std::string_view m_text;
    diag::FileId m_file;
    bool m_ascii = true;
    std::size_t m_chars = 0;
    std::size_t m_byte = 0;
    std::size_t m_skipped = 0;
    std::uint32_t m_line = 1;
    std::size_t m_line_start = 0;
};

// libyaml's own events and parser state are C structs that must be released on every path.
struct Event {
    yaml_event_t raw{};
    bool live = false;
    ~Event() { reset(); }
    void reset() {
        if (live) {
            yaml_event_delete(&raw);
            live = false;
        }
    }
};

struct Parser {
    yaml_parser_t raw{};
    Parser() {
        if (yaml_parser_initialize(&raw) == 0) {
            throw std::bad_alloc();
        }
    }
    ~Parser() { yaml_parser_delete(&raw); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
};

// The text from `where` to the end of its line.
std::string_view rest_of_line(std::string_view text, const SourceLocation& where) {
    std::size_t start = 0;
    for (std::uint32_t l = 1; l < where.line; ++l) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) {
            return {};
        }
        ++start;
    }
    start += where.column - 1;
    if (start >= text.size()) {
        return {};
    }
    const std::string_view rest = text.substr(start);
    return rest.substr(0, rest.find('\n'));
}

// For content that follows a complete document; `rest` is the text from there to the line end.
std::string after_document_end(std::string_view rest) {
    if (rest.empty()) {
        return "unexpected content after the end of the YAML document";
    }
    return fmt::format("unexpected '{}' after the end of the YAML document",
                       util::quote_for_message(rest.substr(0, 1)));
}

std::string_view tag_of(const yaml_char_t* tag) {
    return tag == nullptr ? std::string_view() : reinterpret_cast<const char*>(tag);
}

std::string_view anchor_of(const yaml_char_t* anchor) {
    return tag_of(anchor);
}

// The plain scalars YAML 1.2's core schema reads as null.
bool is_null_word(std::string_view v) {
    return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// libyaml says "while parsing a block mapping"; a reader wants to know which structure.
std::string context_note(std::string_view context) {
    for (std::string_view lead :
         {"while parsing an ", "while parsing a ", "while scanning an ", "while scanning a "}) {
        if (context.starts_with(lead)) {
            context.remove_prefix(lead.size());
            break;
        }
    }
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"block mapping", "mapping"},
        {"flow mapping", "flow mapping ({...})"},
        {"block collection", "list"},
        {"flow sequence", "list ([...])"},
        {"node", "value"},
        {"block node", "value"},
        {"flow node", "value"},
        {"plain scalar", "value"},
        {"simple key", "key"},
        {"quoted scalar", "quoted string"},
        {"block scalar", "block text (| or >)"},
    };
    std::string_view noun = context;
    for (const auto& [from, to] : k_words) {
        if (context == from) {
            noun = to;
            break;
        }
    }
    return fmt::format("in the {} that starts here", noun);
}

} // namespace

class Builder {
public:
    Builder(std::string_view text, Positions& positions, Document& doc, diag::Diagnostics& diags,
            const ParseLimits& limits)
        : m_text(text), m_pos(positions), m_doc(doc), m_diags(diags), m_limits(limits) {}

    bool has_root() const { return m_has_root; }
    bool document_ended() const { return m_document_ended; }

    // The innermost list or mapping still open when the parser gave up, for a note that says
    // where the unfinished structure began.
    std::optional<diag::Note> open_structure() const {
        if (m_stack.empty()) {
            return std::nullopt;
        }
        const NodeRef n(&m_doc, m_stack.back().node);
        return diag::Note{n.location(), fmt::format("in the {} that starts here",
                                                    n.is_sequence() ? "list" : "mapping")};
    }

    void on(const yaml_event_t& e) {
        switch (e.type) {
        case YAML_DOCUMENT_START_EVENT:
            document_start(e.start_mark);
            break;
        case YAML_SCALAR_EVENT:
            scalar(e);
            break;
        case YAML_ALIAS_EVENT:
            alias(e.start_mark, anchor_of(e.data.alias.anchor));
            break;
        case YAML_SEQUENCE_START_EVENT:
            check_tag(e.start_mark, tag_of(e.data.sequence_start.tag), false);
            open(NodeKind::Sequence, e.start_mark, anchor_of(e.data.sequence_start.anchor));
            break;
        case YAML_MAPPING_START_EVENT:
            check_tag(e.start_mark, tag_of(e.data.mapping_start.tag), false);
            open(NodeKind::Mapping, e.start_mark, anchor_of(e.data.mapping_start.anchor));
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            close();
            break;
        case YAML_DOCUMENT_END_EVENT:
            m_document_ended = true;
            break;
        default: // stream start and end
            break;
        }
    }

private:
    struct Frame {
        std::uint32_t node;
        std::vector<std::uint32_t> kids;
        std::uint64_t expanded = 1; // nodes it stands for once aliases are expanded
        std::string anchor;
    };

    struct Anchored {
        std::uint32_t node;
        std::uint64_t expanded;
    };

    SourceLocation loc(const yaml_mark_t& m) { return m_pos.at_char(m.index); }

    void document_start(const yaml_mark_t& mark) {
        if (m_documents++ == 0) {
            return;
        }
        const SourceLocation where = loc(mark);
        const std::string_view line = rest_of_line(m_text, where);
        if (line.starts_with("---")) {
            throw Abort{where, "a declaration file holds one YAML document; found a second "
                               "one here (remove the '---' separator)"};
        }
        throw Abort{where, after_document_end(line)};
    }

    void scalar(const yaml_event_t& e) {
        const auto& s = e.data.scalar;
        const std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
        const std::string_view tag = tag_of(s.tag);
        const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        if (plain && tag.empty() && is_null_word(value)) {
            add_null(e.start_mark, anchor_of(s.anchor));
            return;
        }
        const bool quoted = check_tag(e.start_mark, tag, true) || (tag.empty() && !plain);
        const std::uint32_t id = new_node(NodeKind::Scalar, e.start_mark, quoted);
        auto& n = m_doc.m_nodes[id];
        n.first = static_cast<std::uint32_t>(m_doc.m_strings.size());
        n.count = static_cast<std::uint32_t>(value.size());
        m_doc.m_strings += value;
        remember_anchor(anchor_of(s.anchor), id);
        attach(id, 1);
    }

    void add_null(const yaml_mark_t& mark, std::string_view anchor) {
        const std::uint32_t id = new_node(NodeKind::Null, mark, false);
        // An empty value has no text of its own; the key it belongs to is where a reader looks.
        if (!m_stack.empty() && m_doc.m_nodes[m_stack.back().node].kind == NodeKind::Mapping &&
            m_stack.back().kids.size() % 2 == 1) {
            const auto& key = m_doc.m_nodes[m_stack.back().kids.back()];
            m_doc.m_nodes[id].line = key.line;
            m_doc.m_nodes[id].column = key.column;
        }
        remember_anchor(anchor, id);
        attach(id, 1);
    }

    void alias(const yaml_mark_t& mark, std::string_view anchor) {
        auto it = m_anchors.find(std::string(anchor));
        if (it == m_anchors.end()) {
            throw Abort{loc(mark), fmt::format("alias '*{}' refers to an unknown anchor",
                                               util::quote_for_message(anchor))};
        }
        const Anchored target = it->second;
        for (const Frame& f : m_stack) {
            if (f.node == target.node) {
                throw Abort{loc(mark), "alias refers to a node that contains it (a recursive "
                                       "alias can never be expanded)"};
            }
        }
        attach(target.node, target.expanded);
    }

    // Returns whether the scalar is to be read as a string whatever it looks like.
    bool check_tag(const yaml_mark_t& mark, std::string_view tag, bool scalar) {
        if (tag.empty()) {
            return false;
        }
        if (tag == "!") {
            return scalar; // the non-specific tag: a string
        }
        if (tag == "tag:yaml.org,2002:str") {
            return true;
        }
        static constexpr std::string_view k_core[] = {
            "tag:yaml.org,2002:int",      "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
            "tag:yaml.org,2002:float",    "tag:yaml.org,2002:map",  "tag:yaml.org,2002:seq",
            "tag:yaml.org,2002:timestamp"};
        for (std::string_view t : k_core) {
            if (tag == t) {
                return false;
            }
        }
        m_diags.error(loc(mark), "",
                      fmt::format("unsupported YAML tag '{}' (only the core tags such as !!str "
                                  "are understood)",
                                  util::quote_for_message(tag)));
        return false;
    }

    std::uint32_t new_node(NodeKind kind, const yaml_mark_t& mark, bool quoted) {
        if (m_doc.m_nodes.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
            throw Abort{loc(mark), "too many YAML nodes"};
        }
        const SourceLocation where = loc(mark);
        Document::Node n;
        n.kind = kind;
        n.quoted = quoted;
        n.line = where.line;
        n.column = where.column;
        m_doc.m_nodes.push_back(n);
        return static_cast<std::uint32_t>(m_doc.m_nodes.size() - 1);
    }

    void remember_anchor(std::string_view anchor, std::uint32_t id) {
        if (!anchor.empty()) {
            m_anchors[std::string(anchor)] = Anchored{id, 1};
        }
    }

    // `expanded` is how many nodes `id` stands for (more than one for a collection or an
    // alias of one): what bounds alias expansion without a count kept for every node.
    void attach(std::uint32_t id, std::uint64_t expanded) {
        if (m_stack.empty()) {
            m_doc.m_root = id;
            m_has_root = true;
            return;
        }
        Frame& parent = m_stack.back();
        parent.kids.push_back(id);
        parent.expanded = std::min(k_saturated, parent.expanded + expanded);
    }

    void open(NodeKind kind, const yaml_mark_t& mark, std::string_view anchor) {
        if (m_stack.size() >= m_limits.max_depth) {
            throw Abort{loc(mark),
                        fmt::format("nesting is deeper than {} levels; a declaration never needs "
                                    "this much, so the file is refused",
                                    m_limits.max_depth)};
        }
        const std::uint32_t id = new_node(kind, mark, false);
        remember_anchor(anchor, id);
        Frame f;
        f.node = id;
        f.anchor = anchor;
        if (!m_spare.empty()) {
            f.kids = std::move(m_spare.back());
            m_spare.pop_back();
            f.kids.clear();
        }
        m_stack.push_back(std::move(f));
    }

    void close() {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        auto& node = m_doc.m_nodes[f.node];
        if (node.kind == NodeKind::Mapping) {
            police_keys(f.kids);
        }
        const std::uint64_t total = f.expanded;
        if (!f.anchor.empty()) {
            if (auto it = m_anchors.find(f.anchor);
                it != m_anchors.end() && it->second.node == f.node) {
                it->second.expanded = total;
            }
        }
        // Everything beyond the nodes actually written is alias expansion.
        if (total > m_doc.m_nodes.size() + m_limits.max_alias_expansion) {
            throw Abort{SourceLocation{m_doc.m_file, node.line, node.column},
                        fmt::format("aliases expand this node to more than {} extra nodes (an "
                                    "alias bomb?); write the values out instead",
                                    m_limits.max_alias_expansion)};
        }
        node.first = static_cast<std::uint32_t>(m_doc.m_children.size());
        node.count = static_cast<std::uint32_t>(node.kind == NodeKind::Mapping ? f.kids.size() / 2
                                                                               : f.kids.size());
        m_doc.m_children.insert(m_doc.m_children.end(), f.kids.begin(), f.kids.end());
        const std::uint32_t id = f.node;
        m_spare.push_back(std::move(f.kids));
        attach(id, total);
    }

    // The key path of the mapping being closed, from the frames still open above it.
    std::string open_path() const {
        std::string out;
        for (const Frame& f : m_stack) {
            const auto& n = m_doc.m_nodes[f.node];
            if (n.kind == NodeKind::Sequence) {
                out += fmt::format("[{}]", f.kids.size());
            } else if (f.kids.size() % 2 == 1) {
                const NodeRef key(&m_doc, f.kids.back());
                if (!out.empty()) {
                    out += '.';
                }
                out += util::quote_for_message(key.scalar());
            }
        }
        return out;
    }

    std::string key_path(std::string_view key) const {
        std::string base = open_path();
        return base.empty() ? std::string(key) : fmt::format("{}.{}", base, key);
    }

    // Drops bad pairs after reporting them, so the decoder sees a clean mapping and can go on
    // to report everything else that is wrong.
    void police_keys(std::vector<std::uint32_t>& kids) {
        std::vector<std::uint32_t> kept;
        kept.reserve(kids.size());
        std::unordered_map<std::string_view, std::uint32_t> seen;
        for (std::size_t i = 0; i + 1 < kids.size(); i += 2) {
            const NodeRef key(&m_doc, kids[i]);
            if (!key.is_scalar()) {
                m_diags.error(key.location(), open_path(),
                              key.is_null() ? "empty mapping key"
                                            : fmt::format("mapping keys must be plain strings, "
                                                          "not {}",
                                                          key.describe()));
                continue;
            }
            const std::string_view name = key.scalar();
            if (name == "<<" && !key.is_quoted()) {
                m_diags.error(key.location(), open_path(),
                              "merge keys ('<<') are not supported; write the keys out");
                continue;
            }
            auto [it, inserted] = seen.emplace(name, kids[i]);
            if (!inserted) {
                auto& d =
                    m_diags.error(key.location(), key_path(util::quote_for_message(name)),
                                  "duplicate key (YAML would silently keep only one of the two)");
                d.notes.push_back({NodeRef(&m_doc, it->second).location(), "first defined here"});
                continue;
            }
            kept.push_back(kids[i]);
            kept.push_back(kids[i + 1]);
        }
        kids.swap(kept);
    }

    std::string_view m_text;
    Positions& m_pos;
    Document& m_doc;
    diag::Diagnostics& m_diags;
    const ParseLimits& m_limits;
    std::vector<Frame> m_stack;
    std::vector<std::vector<std::uint32_t>> m_spare;
    std::unordered_map<std::string, Anchored> m_anchors;
    int m_documents = 0;
    bool m_has_root = false;
    bool m_document_ended = false;
};

namespace {

// A syntax error as libyaml describes it: the problem where it was found, and the structure
// it was found in as a note.
diag::Diagnostic& report_syntax_error(const yaml_parser_t& p, Positions& pos, std::string_view text,
                                      diag::Diagnostics& diags) {
    const std::string_view problem =
        p.problem != nullptr ? std::string_view(p.problem) : std::string_view("malformed YAML");
    if (p.error == YAML_READER_ERROR) {
        return diags.error(pos.at_input_byte(p.problem_offset), "",
                           fmt::format("the file cannot be read as YAML: {}", problem));
    }
    const SourceLocation where = pos.at_char(p.problem_mark.index);
    std::string message = fmt::format("YAML syntax error: {}", problem);
    // A tab where indentation is expected is the commonest cause, and libyaml's words for it
    // do not say so.
    if (rest_of_line(text, where).starts_with('\t')) {
        message += " (a tab character: YAML is indented with spaces only)";
    }
    auto& d = diags.error(where, "", std::move(message));
    // "while scanning for the next token" and a context where the problem itself is say
    // nothing the message has not.
    if (p.context != nullptr &&
        std::string_view(p.context) != "while scanning for the next token") {
        const SourceLocation start = pos.at_char(p.context_mark.index);
        if (start.line != where.line || start.column != where.column) {
            d.notes.push_back({start, context_note(p.context)});
        }
    }
    return d;
}

} // namespace

ParseResult parse(std::string_view text, diag::FileId file, const ParseLimits& limits) {
    ParseResult result;
    result.document.m_file = file;
    // libyaml skips a byte-order mark without counting it; dropping it here keeps its
    // character counts relative to what it was given.
    const std::size_t skipped = text.starts_with(k_bom) ? k_bom.size() : 0;
    const std::string_view body = text.substr(skipped);
    // Most of the arena is the file's own scalars; one allocation up front instead of the
    // doubling copies that would otherwise set the peak.
    result.document.m_strings.reserve(body.size());
    Positions positions(text, skipped, file);
    // Messages look at `body`: its first line starts where columns on line 1 are counted from.
    Builder builder(body, positions, result.document, result.diagnostics, limits);
    auto fail_at = [&](SourceLocation where, std::string message) {
        result.diagnostics.error(where, "", std::move(message));
        result.ok = false;
        return std::move(result);
    };
    try {
        Parser parser;
        yaml_parser_set_input_string(
            &parser.raw, reinterpret_cast<const unsigned char*>(body.data()), body.size());
        yaml_parser_set_encoding(&parser.raw, YAML_UTF8_ENCODING);
        Event event;
        for (;;) {
            event.reset();
            if (yaml_parser_parse(&parser.raw, &event.raw) == 0) {
                if (parser.raw.error == YAML_MEMORY_ERROR) {
                    throw std::bad_alloc();
                }
                if (builder.document_ended()) {
                    // libyaml's "did not find expected <document start>" is about content
                    // after the declaration ended (after '...' or a stray closing bracket).
                    const SourceLocation where = positions.at_char(parser.raw.problem_mark.index);
                    return fail_at(where, after_document_end(rest_of_line(body, where)));
                }
                auto& d = report_syntax_error(parser.raw, positions, body, result.diagnostics);
                if (d.notes.empty()) {
                    if (auto note = builder.open_structure()) {
                        d.notes.push_back(*note);
                    }
                }
                result.ok = false;
                return result;
            }
            event.live = true;
            const yaml_event_type_t type = event.raw.type;
            builder.on(event.raw);
            if (type == YAML_STREAM_END_EVENT) {
                break;
            }
        }
        if (!builder.has_root()) {
            const bool blank = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
            return fail_at(SourceLocation{file, 1, 1},
                           fmt::format("the file {}; a declaration starts with 'version: 1'",
                                       blank ? "is empty" : "holds only comments"));
        }
    } catch (const Abort& a) {
        return fail_at(a.location, a.message);
    } catch (const std::bad_alloc&) {
        return fail_at(SourceLocation{file, 1, 1}, "out of memory while parsing");
    }
    result.ok = true;
    return result;
}

} // namespace soc2scope::yaml
