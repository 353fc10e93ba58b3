#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <soc2scope/diag/diagnostic.hpp>

namespace soc2scope::yaml {

enum class NodeKind : std::uint8_t { Null, Scalar, Sequence, Mapping };

class Document;

// A light handle on a node of a Document. Aliases resolve to the anchored node itself, so
// the tree is a DAG; the parser guarantees it has no cycles and bounds how far it expands.
class NodeRef {
public:
    NodeRef() = default;
    NodeRef(const Document* doc, std::uint32_t id) : m_doc(doc), m_id(id) {}

    bool valid() const { return m_doc != nullptr; }
    NodeKind kind() const;
    bool is_null() const { return kind() == NodeKind::Null; }
    bool is_scalar() const { return kind() == NodeKind::Scalar; }
    bool is_sequence() const { return kind() == NodeKind::Sequence; }
    bool is_mapping() const { return kind() == NodeKind::Mapping; }
    // True for a quoted or block scalar, or one tagged !!str: never a bool, number or date.
    bool is_quoted() const;

    diag::SourceLocation location() const;
    std::string_view scalar() const;

    // Sequence items, or the number of key/value pairs of a mapping.
    std::size_t size() const;
    NodeRef item(std::size_t i) const;
    NodeRef key(std::size_t i) const;
    NodeRef value(std::size_t i) const;
    // The value for `name` in a mapping, or an invalid ref.
    NodeRef find(std::string_view name) const;

    // A short noun for messages: "a mapping", "a list", "the string 'x'", "null".
    std::string describe() const;

private:
    const Document* m_doc = nullptr;
    std::uint32_t m_id = 0;
};

struct ParseLimits {
    std::uint32_t max_depth = 64;
    // How many nodes aliases may add on top of the ones written out: an alias bomb
    // ("billion laughs") is refused here, before any walker expands it.
    std::uint64_t max_alias_expansion = 100'000;
};

// The parsed form of one YAML file: one flat arena of nodes and one string pool, so a
// 5 MB declaration costs a few MB here instead of a YAML library's node graph.
class Document {
public:
    NodeRef root() const { return NodeRef(this, m_root); }
    diag::FileId file() const { return m_file; }

private:
    friend class NodeRef;
    friend class Builder;
    friend struct ParseResult parse(std::string_view, diag::FileId, const ParseLimits&);

    struct Node {
        NodeKind kind = NodeKind::Null;
        bool quoted = false;
        std::uint32_t line = 0;
        std::uint32_t column = 0;
        std::uint32_t first = 0; // string pool offset, or index into m_children
        std::uint32_t count = 0; // string length, item count, or pair count
    };

    std::vector<Node> m_nodes;
    std::vector<std::uint32_t> m_children; // maps store key, value, key, value, ...
    std::string m_strings;
    std::uint32_t m_root = 0;
    diag::FileId m_file = diag::k_no_file;
};

struct ParseResult {
    bool ok = false; // a document was produced (it may still carry non-fatal errors)
    Document document;
    diag::Diagnostics diagnostics;
};

// Parses exactly one YAML document through libyaml's event parser and polices it: depth,
// duplicate keys, non-scalar and merge keys, recursive or exploding aliases, tags, and
// more than one document. `text` must already have passed util::check_text.
ParseResult parse(std::string_view text, diag::FileId file, const ParseLimits& limits = {});

} // namespace soc2scope::yaml
