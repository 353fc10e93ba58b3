#include <istream>
#include <limits>
#include <optional>
#include <streambuf>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

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

// Reads the caller's text in place: no copy of a multi-megabyte file just to parse it.
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(std::string_view text) {
        char* p = const_cast<char*>(text.data());
        setg(p, p, p + text.size());
    }
};

struct Abort {
    SourceLocation location;
    std::string message;
};

constexpr std::uint64_t k_saturated = std::numeric_limits<std::uint64_t>::max() / 4;

} // namespace

class Builder final : public YAML::EventHandler {
public:
    Builder(std::string_view text, Document& doc, diag::Diagnostics& diags,
            const ParseLimits& limits)
        : m_text(text), m_doc(doc), m_diags(diags), m_limits(limits) {}

    bool has_root() const { return m_has_root; }

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

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (m_documents++ == 0) {
            return;
        }
        const std::string_view rest =
            mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < m_text.size()
                ? m_text.substr(static_cast<std::size_t>(mark.pos))
                : std::string_view();
        if (rest.starts_with("---")) {
            throw Abort{loc(mark), "a declaration file holds one YAML document; found a second "
                                   "one here (remove the '---' separator)"};
        }
        throw Abort{loc(mark),
                    rest.empty()
                        ? std::string("unexpected content after the end of the YAML document")
                        : fmt::format("unexpected '{}' after the end of the YAML document",
                                      util::quote_for_message(rest.substr(0, 1)))};
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        // yaml-cpp marks an empty value at the token after it (often the next line); the key
        // it belongs to is where a reader looks.
        YAML::Mark where = mark;
        if (!m_stack.empty() && m_doc.m_nodes[m_stack.back().node].kind == NodeKind::Mapping &&
            m_stack.back().kids.size() % 2 == 1) {
            const auto& key = m_doc.m_nodes[m_stack.back().kids.back()];
            where.line = static_cast<int>(key.line) - 1;
            where.column = static_cast<int>(key.column) - 1;
        }
        add_leaf(NodeKind::Null, where, anchor, {}, false);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        const bool quoted = check_tag(mark, tag, true);
        add_leaf(NodeKind::Scalar, mark, anchor, value, quoted);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = m_anchors.find(anchor);
        if (it == m_anchors.end()) {
            throw Abort{loc(mark), "alias refers to an unknown anchor"};
        }
        const std::uint32_t target = it->second;
        for (const Frame& f : m_stack) {
            if (f.node == target) {
                throw Abort{loc(mark), "alias refers to a node that contains it (a recursive "
                                       "alias can never be expanded)"};
            }
        }
        attach(target, mark);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        check_tag(mark, tag, false);
        open(NodeKind::Sequence, mark, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        check_tag(mark, tag, false);
        open(NodeKind::Mapping, mark, anchor);
    }
    void OnMapEnd() override { close(); }

    void OnAnchor(const YAML::Mark&, const std::string&) override {}

private:
    struct Frame {
        std::uint32_t node;
        std::vector<std::uint32_t> kids;
    };

    SourceLocation loc(const YAML::Mark& m) const {
        return SourceLocation{m_doc.m_file, static_cast<std::uint32_t>(m.line + 1),
                              static_cast<std::uint32_t>(m.column + 1)};
    }

    // Returns whether the scalar is to be read as a string whatever it looks like.
    bool check_tag(const YAML::Mark& mark, const std::string& tag, bool scalar) {
        if (tag.empty() || tag == "?") {
            return false;
        }
        if (tag == "!") {
            return scalar; // yaml-cpp's mark for quoted and block scalars
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

    std::uint32_t new_node(NodeKind kind, const YAML::Mark& mark, bool quoted) {
        if (m_doc.m_nodes.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
            throw Abort{loc(mark), "too many YAML nodes"};
        }
        Document::Node n;
        n.kind = kind;
        n.quoted = quoted;
        n.line = static_cast<std::uint32_t>(mark.line + 1);
        n.column = static_cast<std::uint32_t>(mark.column + 1);
        m_doc.m_nodes.push_back(n);
        m_expanded.push_back(1);
        return static_cast<std::uint32_t>(m_doc.m_nodes.size() - 1);
    }

    void remember_anchor(YAML::anchor_t anchor, std::uint32_t id) {
        if (anchor != YAML::NullAnchor) {
            m_anchors[anchor] = id;
        }
    }

    void add_leaf(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor,
                  const std::string& value, bool quoted) {
        const std::uint32_t id = new_node(kind, mark, quoted);
        if (kind == NodeKind::Scalar) {
            auto& n = m_doc.m_nodes[id];
            n.first = static_cast<std::uint32_t>(m_doc.m_strings.size());
            n.count = static_cast<std::uint32_t>(value.size());
            m_doc.m_strings += value;
        }
        remember_anchor(anchor, id);
        attach(id, mark);
    }

    void attach(std::uint32_t id, const YAML::Mark&) {
        if (m_stack.empty()) {
            m_doc.m_root = id;
            m_has_root = true;
            return;
        }
        m_stack.back().kids.push_back(id);
    }

    void open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
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
        std::uint64_t total = 1;
        for (std::uint32_t kid : f.kids) {
            total = std::min(k_saturated, total + m_expanded[kid]);
        }
        m_expanded[f.node] = total;
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
        attach(id, YAML::Mark());
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
    Document& m_doc;
    diag::Diagnostics& m_diags;
    const ParseLimits& m_limits;
    std::vector<Frame> m_stack;
    std::vector<std::vector<std::uint32_t>> m_spare;
    std::vector<std::uint64_t> m_expanded;
    std::unordered_map<YAML::anchor_t, std::uint32_t> m_anchors;
    int m_documents = 0;
    bool m_has_root = false;
};

ParseResult parse(std::string_view text, diag::FileId file, const ParseLimits& limits) {
    ParseResult result;
    result.document.m_file = file;
    ViewBuffer buffer(text);
    std::istream in(&buffer);
    Builder builder(text, result.document, result.diagnostics, limits);
    auto fail_at = [&](SourceLocation where, std::string message) {
        result.diagnostics.error(where, "", std::move(message));
        result.ok = false;
        return std::move(result);
    };
    auto at = [&](const YAML::Mark& m) {
        if (m.is_null()) {
            return SourceLocation{file, 1, 1};
        }
        return SourceLocation{file, static_cast<std::uint32_t>(m.line + 1),
                              static_cast<std::uint32_t>(m.column + 1)};
    };
    try {
        YAML::Parser parser(in);
        if (!parser.HandleNextDocument(builder) || !builder.has_root()) {
            const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
            return fail_at(SourceLocation{file, 1, 1},
                           fmt::format("the file {}; a declaration starts with 'version: 1'",
                                       blank ? "is empty" : "holds only comments"));
        }
        // Only to find a second document: never loop over documents, since yaml-cpp 0.7.0
        // can produce an endless stream of empty ones from input such as ",".
        parser.HandleNextDocument(builder);
    } catch (const Abort& a) {
        return fail_at(a.location, a.message);
    } catch (const YAML::DeepRecursion& e) {
        // yaml-cpp calls this "bad file"; what really happened is runaway nesting.
        return fail_at(at(e.mark), "nesting is too deep for the YAML parser");
    } catch (const YAML::Exception& e) {
        auto& d =
            result.diagnostics.error(at(e.mark), "", fmt::format("YAML syntax error: {}", e.msg));
        if (auto note = builder.open_structure()) {
            d.notes.push_back(*note);
        }
        result.ok = false;
        return result;
    } catch (const std::bad_alloc&) {
        return fail_at(SourceLocation{file, 1, 1}, "out of memory while parsing");
    }
    result.ok = true;
    return result;
}

} // namespace soc2scope::yaml
