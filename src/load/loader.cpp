#include <algorithm>
#include <optional>
#include <set>
#include <type_traits>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <soc2scope/load/loader.hpp>
#include <soc2scope/util/strings.hpp>
#include <soc2scope/util/utf8.hpp>

namespace soc2scope::load {

namespace fs = std::filesystem;
using diag::SourceLocation;
using model::Located;
using model::LocatedList;
using yaml::NodeRef;

namespace {

std::string child_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string index_path(const std::string& parent, std::size_t i) {
    return fmt::format("{}[{}]", parent, i);
}

bool is_extension_key(std::string_view key) {
    return key.starts_with("x-");
}

// Ids appear in key paths, file names of reports and evidence ids (vendor.<id>.soc-report),
// so they are kept to one plain token.
bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    if (!alnum(id.front())) {
        return false;
    }
    return std::all_of(id.begin(), id.end(),
                       [&](char c) { return alnum(c) || c == '-' || c == '_'; });
}

// Rule and evidence ids: dotted lower-case tokens such as "telemetry.rate-limiting".
bool valid_dotted_id(std::string_view id) {
    if (id.empty() || id.size() > 128 || id.find('.') == std::string_view::npos) {
        return false;
    }
    char prev = '.';
    for (char c : id) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok || (c == '.' && prev == '.')) {
            return false;
        }
        prev = c;
    }
    return prev != '.';
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
    auto best = util::closest_match(word, candidates);
    return best ? fmt::format(" (did you mean '{}'?)", *best) : std::string();
}

// Words people use for a component kind that spelling distance would never lead to.
std::optional<std::string_view> kind_synonym(std::string_view word) {
    static constexpr std::pair<std::string_view, std::string_view> k_synonyms[] = {
        {"database", "data_store"},
        {"db", "data_store"},
        {"storage", "data_store"},
        {"bucket", "data_store"},
        {"idp", "identity_provider"},
        {"sso", "identity_provider"},
        {"ci", "ci_cd"},
        {"pipeline", "ci_cd"},
        {"terraform", "iac"},
        {"infrastructure_as_code", "iac"},
        {"api", "public_api"},
        {"portal", "customer_portal"},
        {"web_app", "customer_portal"},
        {"dashboard", "customer_portal"},
        {"cloud", "hosting"},
        {"sensor", "device"},
        {"iot_device", "device"},
        {"hub", "gateway"},
        {"edge_gateway", "gateway"},
        {"ota", "firmware_update_service"},
        {"fota", "firmware_update_service"},
        {"firmware", "firmware_update_service"},
        {"ingestion", "telemetry_ingestion"},
        {"telemetry", "telemetry_ingestion"},
        {"observability", "monitoring"},
        {"logging", "monitoring"},
        {"chat", "communication"},
        {"email", "communication"},
        {"admin", "admin_tooling"},
        {"support", "support_tooling"},
        {"helpdesk", "support_tooling"},
        {"staging", "environment"},
    };
    // "sensors", "databases": the singular is in the table.
    const std::string_view singular = word.ends_with('s') ? word.substr(0, word.size() - 1) : word;
    for (const auto& [from, to] : k_synonyms) {
        if (util::same_word(word, from) || util::same_word(singular, from)) {
            return to;
        }
    }
    return std::nullopt;
}

std::string one_of(std::span<const std::string_view> names) {
    return util::join(names, ", ");
}

constexpr std::string_view k_top_keys[] = {
    "version",          "organization", "audit",  "capabilities", "components", "vendors",
    "responsibilities", "processes",    "people", "evidence",     "waivers",    "include"};

// Sections are decoded straight into the model's vectors; sizing them from the list up front
// spares the doubling copies that would otherwise set the peak memory of a large file.
template <typename T>
void reserve_for(std::vector<T>& out, NodeRef list) {
    const std::size_t needed = out.size() + (list.is_sequence() ? list.size() : 0);
    if (needed > out.capacity()) {
        // Still geometric, so many small included parts do not reallocate once each.
        out.reserve(out.empty() ? needed : std::max(needed, 2 * out.capacity()));
    }
}

class Loader;

// The keys of one mapping: reports unknown ones (with a suggestion) and missing required
// ones as it is built, then hands out values by name.
class Fields {
public:
    Fields(Loader& loader, NodeRef map, std::string path, std::span<const std::string_view> known,
           std::initializer_list<std::string_view> required = {});

    NodeRef operator[](std::string_view key) const { return m_map.find(key); }
    std::string path(std::string_view key) const { return child_path(m_path, key); }
    const std::string& path() const { return m_path; }

private:
    NodeRef m_map;
    std::string m_path;
};

class Loader {
public:
    Loader(util::FileSystem& fs, const LoadOptions& options, LoadResult& result)
        : m_fs(fs), m_options(options), m_result(result), m_diags(result.diagnostics),
          m_sources(*result.sources) {}

    void run(const fs::path& root);

    // --- reporting -------------------------------------------------------------------
    diag::Diagnostic& error(SourceLocation loc, const std::string& path, std::string message) {
        return m_diags.error(loc, path, std::move(message));
    }
    void warning(SourceLocation loc, const std::string& path, std::string message) {
        m_diags.warning(loc, path, std::move(message));
    }
    void type_error(NodeRef n, const std::string& path, std::string_view expected) {
        error(n.location(), path, fmt::format("expected {}, got {}", expected, n.describe()));
    }

private:
    friend class Fields;

    // --- files -------------------------------------------------------------------------
    void load_one(const fs::path& path, const std::string& display, SourceLocation included_from,
                  const std::string& include_path);
    void decode_file(NodeRef root, const std::string& display);
    void load_includes(NodeRef list, const std::string& display);
    bool claim_section(std::string_view name, NodeRef value);

    // --- scalars ---------------------------------------------------------------------------
    bool read_string(NodeRef n, const std::string& path, Located<std::string>& out);
    bool read_id(NodeRef n, const std::string& path, Located<std::string>& out);
    bool read_dotted_id(NodeRef n, const std::string& path, std::string_view what,
                        Located<std::string>& out);
    bool read_bool(NodeRef n, const std::string& path, Located<bool>& out);
    bool read_int(NodeRef n, const std::string& path, Located<int>& out);
    bool read_date(NodeRef n, const std::string& path, Located<util::Date>& out);
    template <typename E>
    bool read_enum(NodeRef n, const std::string& path, std::string_view what, Located<E>& out);
    template <typename T, typename F>
    void read_list(NodeRef n, const std::string& path, LocatedList<T>& out, F&& read_item);
    template <typename F>
    void for_each_item(NodeRef n, const std::string& path, F&& fn);
    void read_strings(NodeRef n, const std::string& path, LocatedList<std::string>& out);
    void read_ids(NodeRef n, const std::string& path, LocatedList<std::string>& out);

    // --- sections ------------------------------------------------------------------------
    void decode_organization(NodeRef n, const std::string& path);
    void decode_audit(NodeRef n, const std::string& path);
    void decode_capabilities(NodeRef n, const std::string& path);
    void decode_component(NodeRef n, const std::string& path);
    void decode_vendor(NodeRef n, const std::string& path);
    void decode_responsibility(NodeRef n, const std::string& path);
    void decode_processes(NodeRef n, const std::string& path);
    void decode_person(NodeRef n, const std::string& path);
    void decode_evidence(NodeRef n, const std::string& path, const std::string& base_dir);
    void decode_waiver(NodeRef n, const std::string& path);

    // --- after every file ------------------------------------------------------------------
    void check_required_sections(SourceLocation root);
    void check_unique_ids();
    void check_references();
    void check_consistency();

    SourceLocation position_of(diag::FileId file, std::string_view text, std::size_t offset) const;

    util::FileSystem& m_fs;
    const LoadOptions& m_options;
    LoadResult& m_result;
    diag::Diagnostics& m_diags;
    diag::SourceFiles& m_sources;
    model::Declaration m_decl;
    std::vector<fs::path> m_stack;          // identities of the files being loaded
    std::vector<std::string> m_stack_names; // and their display names, for cycle messages
    std::set<fs::path> m_loaded;
    std::map<std::string, SourceLocation, std::less<>> m_sections;
    fs::path m_current_dir;
    SourceLocation m_root_loc; // the root file's top-level mapping
    bool m_components_seen = false;
    bool m_criteria_unread = false; // some audit.criteria item was not understood
};

Fields::Fields(Loader& loader, NodeRef map, std::string path,
               std::span<const std::string_view> known,
               std::initializer_list<std::string_view> required)
    : m_map(map), m_path(std::move(path)) {
    for (std::size_t i = 0; i < map.size(); ++i) {
        const NodeRef key = map.key(i);
        const std::string_view name = key.scalar();
        if (std::find(known.begin(), known.end(), name) != known.end() || is_extension_key(name)) {
            continue;
        }
        const std::string hint = did_you_mean(name, known);
        loader.error(key.location(), child_path(m_path, util::quote_for_message(name)),
                     hint.empty() ? fmt::format("unknown key; expected one of: {}", one_of(known))
                                  : fmt::format("unknown key{}", hint));
    }
    for (std::string_view r : required) {
        if (!map.find(r).valid()) {
            loader.error(map.location(), m_path, fmt::format("missing required key '{}'", r));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Files and includes

SourceLocation Loader::position_of(diag::FileId file, std::string_view text,
                                   std::size_t offset) const {
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return SourceLocation{file, line, static_cast<std::uint32_t>(offset - line_start + 1)};
}

void Loader::run(const fs::path& root) {
    load_one(root, root.string(), SourceLocation{}, "");
    if (m_sources.size() == 0) {
        return;
    }
    if (m_decl.files.empty()) {
        return; // the root itself could not be read or parsed
    }
    check_required_sections(m_root_loc);
    check_unique_ids();
    m_decl.build_indexes();
    check_references();
    check_consistency();
    if (!m_diags.has_errors()) {
        m_result.declaration = std::move(m_decl);
    }
}

void Loader::load_one(const fs::path& path, const std::string& display,
                      SourceLocation included_from, const std::string& include_path) {
    const fs::path identity = m_fs.identity(path);
    auto cycle = std::find(m_stack.begin(), m_stack.end(), identity);
    if (cycle != m_stack.end()) {
        std::string chain;
        for (auto it = cycle; it != m_stack.end(); ++it) {
            chain += m_stack_names[static_cast<std::size_t>(it - m_stack.begin())] + " -> ";
        }
        chain += display;
        error(included_from, include_path, fmt::format("include cycle: {}", chain));
        return;
    }
    if (m_loaded.contains(identity)) {
        spdlog::debug("{} is already loaded; skipping the repeated include", display);
        return;
    }
    if (m_loaded.size() >= m_options.max_files) {
        error(
            included_from, include_path,
            fmt::format("more than {} files included; refusing to load more", m_options.max_files));
        return;
    }
    m_loaded.insert(identity);

    auto text = m_fs.read(path, m_options.max_file_size);
    if (!text) {
        if (included_from.known()) {
            error(included_from, include_path,
                  fmt::format("cannot read included file {}: {}", display, text.error()));
        } else {
            const diag::FileId id = m_sources.add(display, "");
            error(SourceLocation{id, 1, 1}, "",
                  fmt::format("cannot read the file: {}", text.error()));
        }
        return;
    }
    spdlog::debug("loading {} ({} bytes)", display, text->size());
    const diag::FileId id = m_sources.add(display, std::move(text.value()));
    const std::string_view content = m_sources.text(id);

    if (auto problem = util::check_text(content)) {
        std::string what = problem->what;
        if (content.starts_with("\xff\xfe") || content.starts_with("\xfe\xff")) {
            what += " (the file looks like UTF-16; save it as UTF-8)";
        }
        error(position_of(id, content, problem->offset), "",
              fmt::format("{}; a declaration must be UTF-8 text", what));
        return;
    }
    yaml::ParseResult parsed = yaml::parse(content, id, m_options.limits);
    for (const auto& d : parsed.diagnostics.items()) {
        m_diags.add(d);
    }
    if (!parsed.ok) {
        return;
    }
    const NodeRef root = parsed.document.root();
    if (!root.is_mapping()) {
        error(root.location(), "",
              fmt::format("the top level of a declaration must be a mapping (keys such as "
                          "'version:' and 'components:'), not {}",
                          root.describe()));
        return;
    }
    m_decl.files.push_back(display);
    m_stack.push_back(identity);
    m_stack_names.push_back(display);
    const fs::path saved_dir = m_current_dir;
    m_current_dir = path.parent_path();
    decode_file(root, display);
    if (const NodeRef inc = root.find("include"); inc.valid()) {
        load_includes(inc, display);
    }
    m_current_dir = saved_dir;
    m_stack.pop_back();
    m_stack_names.pop_back();
}

void Loader::load_includes(NodeRef list, const std::string& display) {
    const fs::path dir = m_current_dir;
    const fs::path display_dir = fs::path(display).parent_path();
    for_each_item(list, "include", [&](NodeRef item, const std::string& path) {
        Located<std::string> entry;
        if (!read_string(item, path, entry)) {
            return;
        }
        const fs::path rel(entry.value);
        if (rel.is_absolute()) {
            error(entry.loc, path,
                  "include paths are relative to the including file; an absolute path would "
                  "make the declaration depend on one machine");
            return;
        }
        auto show = [&](const fs::path& p) {
            return (display_dir / p.lexically_relative(dir)).lexically_normal().string();
        };
        if (util::has_glob_chars(entry.value)) {
            const auto matches = m_fs.glob(dir / rel);
            if (matches.empty()) {
                warning(entry.loc, path,
                        fmt::format("the pattern '{}' matches no file",
                                    util::quote_for_message(entry.value)));
            }
            for (const fs::path& match : matches) {
                load_one(match, show(match), entry.loc, path);
            }
        } else {
            load_one(dir / rel, show(dir / rel), entry.loc, path);
        }
    });
}

// Sections that are a single mapping may be written in only one file of a declaration.
bool Loader::claim_section(std::string_view name, NodeRef value) {
    auto [it, inserted] = m_sections.emplace(std::string(name), value.location());
    if (!inserted) {
        auto& d = error(value.location(), std::string(name),
                        "this section is already declared in another file of this declaration; "
                        "declare it once");
        d.notes.push_back({it->second, "first declared here"});
        return false;
    }
    return true;
}

void Loader::decode_file(NodeRef root, const std::string& display) {
    Fields f(*this, root, "", k_top_keys);
    const bool is_root = m_decl.files.size() == 1;
    for (std::size_t i = 0; i < root.size(); ++i) {
        m_decl.sections.emplace(std::string(root.key(i).scalar()), root.key(i).location());
    }
    if (is_root) {
        m_root_loc = root.location();
    }

    if (NodeRef v = f["version"]; v.valid()) {
        Located<int> version;
        if (read_int(v, "version", version)) {
            if (version.value != k_supported_version) {
                error(version.loc, "version",
                      fmt::format("unsupported version {}; this soc2scope reads version {}",
                                  version.value, k_supported_version));
            } else if (is_root) {
                m_decl.version = version;
            }
        }
    } else if (is_root) {
        // An included part may leave it out: people split components into files and do not
        // think of each as a declaration of its own; it is read as the root's version.
        error(root.location(), "",
              "missing required key 'version' (a declaration starts with 'version: 1')");
    }
    if (NodeRef v = f["organization"]; v.valid() && claim_section("organization", v)) {
        decode_organization(v, "organization");
    }
    if (NodeRef v = f["audit"]; v.valid() && claim_section("audit", v)) {
        decode_audit(v, "audit");
    }
    if (NodeRef v = f["capabilities"]; v.valid() && claim_section("capabilities", v)) {
        decode_capabilities(v, "capabilities");
    }
    if (NodeRef v = f["processes"]; v.valid() && claim_section("processes", v)) {
        decode_processes(v, "processes");
    }
    const std::string base_dir = fs::path(display).parent_path().string();
    if (NodeRef v = f["components"]; v.valid()) {
        m_components_seen = true;
        reserve_for(m_decl.components, v);
        for_each_item(v, "components",
                      [&](NodeRef item, const std::string& p) { decode_component(item, p); });
    }
    if (NodeRef v = f["vendors"]; v.valid()) {
        reserve_for(m_decl.vendors, v);
        for_each_item(v, "vendors",
                      [&](NodeRef item, const std::string& p) { decode_vendor(item, p); });
    }
    if (NodeRef v = f["responsibilities"]; v.valid()) {
        for_each_item(v, "responsibilities",
                      [&](NodeRef item, const std::string& p) { decode_responsibility(item, p); });
    }
    if (NodeRef v = f["people"]; v.valid()) {
        reserve_for(m_decl.people, v);
        for_each_item(v, "people",
                      [&](NodeRef item, const std::string& p) { decode_person(item, p); });
    }
    if (NodeRef v = f["evidence"]; v.valid()) {
        reserve_for(m_decl.evidence, v);
        for_each_item(v, "evidence", [&](NodeRef item, const std::string& p) {
            decode_evidence(item, p, base_dir);
        });
    }
    if (NodeRef v = f["waivers"]; v.valid()) {
        reserve_for(m_decl.waivers, v);
        for_each_item(v, "waivers",
                      [&](NodeRef item, const std::string& p) { decode_waiver(item, p); });
    }
}

// ---------------------------------------------------------------------------------------
// Scalars

bool Loader::read_string(NodeRef n, const std::string& path, Located<std::string>& out) {
    if (!n.is_scalar()) {
        type_error(n, path, "a string");
        return false;
    }
    // A block scalar ('>' or '|') keeps its final line break; nobody writing a description
    // means one, and reports would show it (a trailing <br> in Markdown).
    std::string_view text = n.scalar();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    if (text.empty()) {
        error(n.location(), path, "expected a non-empty string");
        return false;
    }
    out.value = std::string(text);
    out.loc = n.location();
    return true;
}

bool Loader::read_id(NodeRef n, const std::string& path, Located<std::string>& out) {
    if (!read_string(n, path, out)) {
        return false;
    }
    if (!valid_id(out.value)) {
        error(out.loc, path,
              fmt::format("invalid id '{}': ids are 1 to 64 letters, digits, '-' or '_', "
                          "starting with a letter or digit",
                          util::quote_for_message(out.value)));
        out.loc = {};
        return false;
    }
    return true;
}

bool Loader::read_dotted_id(NodeRef n, const std::string& path, std::string_view what,
                            Located<std::string>& out) {
    if (!read_string(n, path, out)) {
        return false;
    }
    if (!valid_dotted_id(out.value)) {
        error(out.loc, path,
              fmt::format("invalid {} '{}': expected lower-case dotted words such as "
                          "'telemetry.rate-limiting'",
                          what, util::quote_for_message(out.value)));
        out.loc = {};
        return false;
    }
    return true;
}

bool Loader::read_bool(NodeRef n, const std::string& path, Located<bool>& out) {
    if (n.is_scalar() && !n.is_quoted()) {
        const std::string_view s = n.scalar();
        if (s == "true" || s == "True" || s == "TRUE") {
            out = {true, n.location()};
            return true;
        }
        if (s == "false" || s == "False" || s == "FALSE") {
            out = {false, n.location()};
            return true;
        }
    }
    type_error(n, path, "true or false");
    return false;
}

bool Loader::read_int(NodeRef n, const std::string& path, Located<int>& out) {
    if (n.is_scalar() && !n.is_quoted()) {
        const std::string_view s = n.scalar();
        if (!s.empty() && s.size() <= 9 &&
            std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            int v = 0;
            for (char c : s) {
                v = v * 10 + (c - '0');
            }
            out = {v, n.location()};
            return true;
        }
    }
    type_error(n, path, "a whole number");
    return false;
}

bool Loader::read_date(NodeRef n, const std::string& path, Located<util::Date>& out) {
    if (!n.is_scalar()) {
        type_error(n, path, "a date (YYYY-MM-DD)");
        return false;
    }
    util::DateError why = util::DateError::Format;
    if (auto d = util::parse_date(n.scalar(), &why)) {
        out = {*d, n.location()};
        return true;
    }
    if (why == util::DateError::Range) {
        error(n.location(), path,
              fmt::format("'{}' is not a real calendar date", util::quote_for_message(n.scalar())));
    } else {
        type_error(n, path, "a date written YYYY-MM-DD");
    }
    return false;
}

template <typename E>
bool Loader::read_enum(NodeRef n, const std::string& path, std::string_view what, Located<E>& out) {
    if (!n.is_scalar()) {
        type_error(n, path, fmt::format("a {} (one of: {})", what, one_of(model::enum_names<E>())));
        return false;
    }
    if (auto v = model::enum_from_string<E>(n.scalar())) {
        out = {*v, n.location()};
        return true;
    }
    std::string hint = did_you_mean(n.scalar(), model::enum_names<E>());
    if constexpr (std::is_same_v<E, model::ComponentKind>) {
        if (auto kind = kind_synonym(n.scalar()); kind && hint.empty()) {
            hint = fmt::format(" (did you mean '{}'?)", *kind);
        }
    }
    error(n.location(), path,
          fmt::format("unknown {} '{}'{}; expected one of: {}", what,
                      util::quote_for_message(n.scalar()), hint, one_of(model::enum_names<E>())));
    return false;
}

template <typename F>
void Loader::for_each_item(NodeRef n, const std::string& path, F&& fn) {
    // `waivers:` left empty, or with every entry commented out, is YAML's null: an empty list.
    if (n.is_null()) {
        return;
    }
    if (!n.is_sequence()) {
        type_error(n, path,
                   n.is_scalar() ? fmt::format("a list (write [{}] for a list of one)",
                                               util::quote_for_message(n.scalar()))
                                 : std::string("a list"));
        return;
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
        fn(n.item(i), index_path(path, i));
    }
}

template <typename T, typename F>
void Loader::read_list(NodeRef n, const std::string& path, LocatedList<T>& out, F&& read_item) {
    out.loc = n.location();
    for_each_item(n, path, [&](NodeRef item, const std::string& p) {
        Located<T> v;
        if (!read_item(item, p, v)) {
            return;
        }
        for (const auto& existing : out.items) {
            if (existing.value == v.value) {
                auto& d = error(v.loc, p, "listed twice");
                d.notes.push_back({existing.loc, "first listed here"});
                return;
            }
        }
        out.items.push_back(std::move(v));
    });
}

void Loader::read_strings(NodeRef n, const std::string& path, LocatedList<std::string>& out) {
    read_list(n, path, out, [&](NodeRef item, const std::string& p, Located<std::string>& v) {
        return read_string(item, p, v);
    });
}

void Loader::read_ids(NodeRef n, const std::string& path, LocatedList<std::string>& out) {
    read_list(n, path, out, [&](NodeRef item, const std::string& p, Located<std::string>& v) {
        return read_id(item, p, v);
    });
}

// Reads `key` of `f` with `reader` when present.
#define SOC2SCOPE_READ(f, key, reader, target)                                                     \
    do {                                                                                           \
        if (NodeRef v_ = (f)[key]; v_.valid()) {                                                   \
            reader(v_, (f).path(key), target);                                                     \
        }                                                                                          \
    } while (false)

#define SOC2SCOPE_READ_ENUM(f, key, what, target)                                                  \
    do {                                                                                           \
        if (NodeRef v_ = (f)[key]; v_.valid()) {                                                   \
            read_enum(v_, (f).path(key), what, target);                                            \
        }                                                                                          \
    } while (false)

bool expect_mapping(Loader& l, NodeRef n, const std::string& path) {
    if (!n.is_mapping()) {
        l.type_error(n, path, "a mapping");
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// Sections

void Loader::decode_organization(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {"name", "system", "description"};
    Fields f(*this, n, path, k_keys, {"name", "system"});
    auto& o = m_decl.organization;
    o.loc = n.location();
    SOC2SCOPE_READ(f, "name", read_string, o.name);
    SOC2SCOPE_READ(f, "system", read_string, o.system);
    SOC2SCOPE_READ(f, "description", read_string, o.description);
}

void Loader::decode_audit(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {"type", "period", "criteria"};
    Fields f(*this, n, path, k_keys, {"type", "period"});
    auto& a = m_decl.audit;
    a.loc = n.location();
    SOC2SCOPE_READ_ENUM(f, "type", "audit type", a.type);
    if (NodeRef p = f["period"]; p.valid() && expect_mapping(*this, p, f.path("period"))) {
        static constexpr std::string_view k_period[] = {"start", "end"};
        Fields pf(*this, p, f.path("period"), k_period, {"start", "end"});
        a.period.loc = p.location();
        SOC2SCOPE_READ(pf, "start", read_date, a.period.start);
        SOC2SCOPE_READ(pf, "end", read_date, a.period.end);
    }
    if (NodeRef c = f["criteria"]; c.valid()) {
        read_list(c, f.path("criteria"), a.criteria,
                  [&](NodeRef item, const std::string& p, Located<model::Criterion>& v) {
                      return read_enum(item, p, "criterion", v);
                  });
        // A misspelt 'Security' is already reported; saying it is missing too would be noise.
        m_criteria_unread = !c.is_sequence() || a.criteria.items.size() != c.size();
    } else {
        a.criteria.items.push_back({model::Criterion::Security, {}});
    }
}

void Loader::decode_capabilities(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {"device_authentication", "firmware_updates",
                                                  "telemetry_reliance", "support_access",
                                                  "customer_operations_impact"};
    Fields f(*this, n, path, k_keys);
    auto& c = m_decl.capabilities;
    c.loc = n.location();

    auto section = [&](std::string_view key, std::span<const std::string_view> keys,
                       SourceLocation& loc, Located<bool>& enabled, auto&& rest) {
        NodeRef s = f[key];
        if (!s.valid() || !expect_mapping(*this, s, f.path(key))) {
            return;
        }
        Fields sf(*this, s, f.path(key), keys, {"enabled"});
        loc = s.location();
        SOC2SCOPE_READ(sf, "enabled", read_bool, enabled);
        rest(sf);
    };
    static constexpr std::string_view k_auth[] = {"enabled", "credential"};
    section("device_authentication", k_auth, c.device_authentication.loc,
            c.device_authentication.enabled, [&](Fields& sf) {
                SOC2SCOPE_READ_ENUM(sf, "credential", "credential type",
                                    c.device_authentication.credential);
            });
    static constexpr std::string_view k_fw[] = {"enabled", "remote_configuration"};
    section("firmware_updates", k_fw, c.firmware_updates.loc, c.firmware_updates.enabled,
            [&](Fields& sf) {
                SOC2SCOPE_READ(sf, "remote_configuration", read_bool,
                               c.firmware_updates.remote_configuration);
            });
    static constexpr std::string_view k_tel[] = {"enabled", "used_for"};
    section("telemetry_reliance", k_tel, c.telemetry_reliance.loc, c.telemetry_reliance.enabled,
            [&](Fields& sf) {
                if (NodeRef u = sf["used_for"]; u.valid()) {
                    read_list(
                        u, sf.path("used_for"), c.telemetry_reliance.used_for,
                        [&](NodeRef item, const std::string& p, Located<model::TelemetryUse>& v) {
                            return read_enum(item, p, "telemetry use", v);
                        });
                }
            });
    static constexpr std::string_view k_sup[] = {"enabled", "actions"};
    section("support_access", k_sup, c.support_access.loc, c.support_access.enabled,
            [&](Fields& sf) {
                if (NodeRef u = sf["actions"]; u.valid()) {
                    read_list(
                        u, sf.path("actions"), c.support_access.actions,
                        [&](NodeRef item, const std::string& p, Located<model::SupportAction>& v) {
                            return read_enum(item, p, "support action", v);
                        });
                }
            });
    SOC2SCOPE_READ(f, "customer_operations_impact", read_bool, c.customer_operations_impact);
}

void Loader::decode_component(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {
        "id",       "name",      "kind",      "scope",       "operated_by", "owner",  "data",
        "controls", "relations", "rationale", "description", "environment", "vendor", "match"};
    Fields f(*this, n, path, k_keys, {"id", "kind", "scope"});
    model::Component c;
    c.at = {n.location(), path};
    SOC2SCOPE_READ(f, "id", read_id, c.id);
    SOC2SCOPE_READ(f, "name", read_string, c.name);
    SOC2SCOPE_READ_ENUM(f, "kind", "component kind", c.kind);
    SOC2SCOPE_READ_ENUM(f, "scope", "scope", c.scope);
    if (NodeRef v = f["operated_by"]; v.valid()) {
        Located<std::string> who;
        if (read_string(v, f.path("operated_by"), who)) {
            using K = model::Operator::Kind;
            model::Operator op;
            if (who.value == "us") {
                op.kind = K::Us;
            } else if (who.value == "customer") {
                op.kind = K::Customer;
            } else if (who.value == "shared") {
                op.kind = K::Shared;
            } else {
                op.kind = K::Vendor; // resolved against vendors once every file is loaded
                op.vendor = who.value;
            }
            c.operated_by = {op, who.loc};
        }
    }
    SOC2SCOPE_READ(f, "owner", read_string, c.owner);
    if (NodeRef v = f["data"]; v.valid()) {
        read_list(v, f.path("data"), c.data,
                  [&](NodeRef item, const std::string& p, Located<model::DataClass>& d) {
                      return read_enum(item, p, "data class", d);
                  });
        if (c.data.contains(model::DataClass::None) && c.data.size() > 1) {
            error(c.data.loc, f.path("data"), "'none' cannot be combined with other data classes");
        }
    }
    if (NodeRef v = f["controls"]; v.valid()) {
        read_strings(v, f.path("controls"), c.controls);
        for (std::size_t i = 0; i < c.controls.size(); ++i) {
            const auto& token = c.controls.items[i];
            if (std::find(std::begin(model::k_known_controls), std::end(model::k_known_controls),
                          token.value) != std::end(model::k_known_controls)) {
                continue;
            }
            if (auto near = util::closest_match(token.value, model::k_known_controls)) {
                warning(token.loc, index_path(f.path("controls"), i),
                        fmt::format("'{}' is not a control the built-in rules know; did you mean "
                                    "'{}'?",
                                    util::quote_for_message(token.value), *near));
            }
        }
    }
    if (NodeRef r = f["relations"]; r.valid() && expect_mapping(*this, r, f.path("relations"))) {
        c.relations_loc = r.location();
        Fields rf(*this, r, f.path("relations"), model::enum_names<model::RelationKind>());
        for (std::size_t i = 0; i < r.size(); ++i) {
            const auto kind = model::enum_from_string<model::RelationKind>(r.key(i).scalar());
            if (!kind) {
                continue; // reported by Fields
            }
            model::LocatedList<std::string> targets;
            read_ids(r.value(i), rf.path(r.key(i).scalar()), targets);
            for (auto& t : targets.items) {
                c.relations.push_back({*kind, std::move(t)});
            }
        }
    }
    SOC2SCOPE_READ(f, "rationale", read_string, c.rationale);
    SOC2SCOPE_READ(f, "description", read_string, c.description);
    if (NodeRef e = f["environment"];
        e.valid() && expect_mapping(*this, e, f.path("environment"))) {
        static constexpr std::string_view k_env[] = {"production", "real_customer_data"};
        Fields ef(*this, e, f.path("environment"), k_env);
        c.environment.loc = e.location();
        SOC2SCOPE_READ(ef, "production", read_bool, c.environment.production);
        SOC2SCOPE_READ(ef, "real_customer_data", read_bool, c.environment.real_customer_data);
    }
    SOC2SCOPE_READ(f, "vendor", read_id, c.vendor);
    if (NodeRef m = f["match"]; m.valid()) {
        c.match_loc = m.location();
        for_each_item(m, f.path("match"), [&](NodeRef item, const std::string& p) {
            if (!expect_mapping(*this, item, p)) {
                return;
            }
            static constexpr std::string_view k_sel[] = {"type", "name", "tags"};
            Fields sf(*this, item, p, k_sel);
            model::MatchSelector sel;
            sel.loc = item.location();
            SOC2SCOPE_READ(sf, "type", read_string, sel.type);
            SOC2SCOPE_READ(sf, "name", read_string, sel.name);
            if (NodeRef t = sf["tags"]; t.valid() && expect_mapping(*this, t, sf.path("tags"))) {
                for (std::size_t i = 0; i < t.size(); ++i) {
                    Located<std::string> value;
                    if (read_string(t.value(i),
                                    sf.path("tags") + "." + std::string(t.key(i).scalar()),
                                    value)) {
                        sel.tags.emplace_back(std::string(t.key(i).scalar()), value.value);
                    }
                }
            }
            if (!sel.type.present() && !sel.name.present() && sel.tags.empty()) {
                error(item.location(), p, "a selector needs at least one of type, name or tags");
                return;
            }
            c.match.push_back(std::move(sel));
        });
    }
    if (!c.name.present() && c.id.present()) {
        c.name.value = c.id.value;
    }
    if (c.id.present()) {
        m_decl.components.push_back(std::move(c));
    }
}

void Loader::decode_vendor(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {
        "id", "name", "description", "customer_data", "method", "soc2_report", "csocs"};
    Fields f(*this, n, path, k_keys, {"id", "customer_data"});
    model::Vendor v;
    v.at = {n.location(), path};
    SOC2SCOPE_READ(f, "id", read_id, v.id);
    SOC2SCOPE_READ(f, "name", read_string, v.name);
    SOC2SCOPE_READ(f, "description", read_string, v.description);
    SOC2SCOPE_READ(f, "customer_data", read_bool, v.customer_data);
    SOC2SCOPE_READ_ENUM(f, "method", "subservice method", v.method);
    if (!v.method.present()) {
        v.method.value = model::VendorMethod::CarveOut;
    }
    if (NodeRef r = f["soc2_report"];
        r.valid() && expect_mapping(*this, r, f.path("soc2_report"))) {
        static constexpr std::string_view k_rep[] = {"period_end", "reviewed", "bridge_letter"};
        Fields rf(*this, r, f.path("soc2_report"), k_rep, {"period_end"});
        v.soc2_report.loc = r.location();
        SOC2SCOPE_READ(rf, "period_end", read_date, v.soc2_report.period_end);
        SOC2SCOPE_READ(rf, "reviewed", read_date, v.soc2_report.reviewed);
        SOC2SCOPE_READ(rf, "bridge_letter", read_bool, v.soc2_report.bridge_letter);
    }
    if (NodeRef c = f["csocs"]; c.valid()) {
        read_strings(c, f.path("csocs"), v.csocs);
    }
    if (!v.name.present() && v.id.present()) {
        v.name.value = v.id.value;
    }
    if (v.id.present()) {
        m_decl.vendors.push_back(std::move(v));
    }
}

void Loader::decode_responsibility(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {"domain", "vendor", "customer"};
    Fields f(*this, n, path, k_keys, {"domain"});
    model::Responsibility r;
    r.at = {n.location(), path};
    SOC2SCOPE_READ(f, "domain", read_string, r.domain);
    SOC2SCOPE_READ(f, "vendor", read_string, r.vendor);
    SOC2SCOPE_READ(f, "customer", read_string, r.customer);
    if (!r.domain.present()) {
        return;
    }
    r.domain_key = model::normalize_domain(r.domain.value);
    const auto& known = model::k_known_domains;
    if (std::find(std::begin(known), std::end(known), r.domain_key) == std::end(known)) {
        if (auto near = util::closest_match(r.domain_key, known)) {
            warning(r.domain.loc, f.path("domain"),
                    fmt::format("'{}' is not one of the domains the coverage rule looks for; did "
                                "you mean '{}'?",
                                util::quote_for_message(r.domain.value), *near));
        }
    }
    m_decl.responsibilities.push_back(std::move(r));
}

void Loader::decode_processes(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    Fields f(*this, n, path, model::enum_names<model::ProcessKind>());
    for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string_view name = n.key(i).scalar();
        const auto kind = model::enum_from_string<model::ProcessKind>(name);
        const NodeRef pn = n.value(i);
        const std::string ppath = f.path(name);
        if (!kind || !expect_mapping(*this, pn, ppath)) {
            continue;
        }
        static constexpr std::string_view k_keys[] = {"documented", "owner", "description",
                                                      "runbooks", "tools"};
        Fields pf(*this, pn, ppath, k_keys, {"documented"});
        model::Process p;
        p.loc = pn.location();
        SOC2SCOPE_READ(pf, "documented", read_bool, p.documented);
        SOC2SCOPE_READ(pf, "owner", read_string, p.owner);
        SOC2SCOPE_READ(pf, "description", read_string, p.description);
        if (NodeRef r = pf["runbooks"]; r.valid()) {
            read_strings(r, pf.path("runbooks"), p.runbooks);
        }
        if (NodeRef t = pf["tools"]; t.valid()) {
            read_strings(t, pf.path("tools"), p.tools);
        }
        m_decl.processes[*kind] = std::move(p);
    }
}

void Loader::decode_person(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {"group", "description", "access_to", "training",
                                                  "offboarding"};
    Fields f(*this, n, path, k_keys, {"group"});
    model::PeopleGroup g;
    g.at = {n.location(), path};
    SOC2SCOPE_READ(f, "group", read_string, g.group);
    SOC2SCOPE_READ(f, "description", read_string, g.description);
    if (NodeRef a = f["access_to"]; a.valid()) {
        read_ids(a, f.path("access_to"), g.access_to);
    }
    SOC2SCOPE_READ(f, "training", read_bool, g.training);
    SOC2SCOPE_READ(f, "offboarding", read_bool, g.offboarding);
    if (g.group.present()) {
        m_decl.people.push_back(std::move(g));
    }
}

void Loader::decode_evidence(NodeRef n, const std::string& path, const std::string& base_dir) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {"satisfies", "path", "url",  "collected",
                                                  "owner",     "note", "count"};
    Fields f(*this, n, path, k_keys, {"satisfies", "collected"});
    model::EvidenceEntry e;
    e.at = {n.location(), path};
    e.base_dir = base_dir;
    auto read_evidence_id = [&](NodeRef item, const std::string& p, Located<std::string>& v) {
        return read_dotted_id(item, p, "evidence id", v);
    };
    if (NodeRef s = f["satisfies"]; s.valid()) {
        if (s.is_scalar()) { // one id, or a list of several
            Located<std::string> one;
            if (read_evidence_id(s, f.path("satisfies"), one)) {
                e.satisfies.loc = one.loc;
                e.satisfies.items.push_back(std::move(one));
            }
        } else {
            read_list(s, f.path("satisfies"), e.satisfies, read_evidence_id);
            if (s.is_null() || (s.is_sequence() && s.size() == 0)) {
                error(s.location(), f.path("satisfies"), "names no evidence item");
            }
        }
    }
    SOC2SCOPE_READ(f, "path", read_string, e.path);
    SOC2SCOPE_READ(f, "url", read_string, e.url);
    if (e.url.present() && !e.url.value.starts_with("https://") &&
        !e.url.value.starts_with("http://")) {
        error(e.url.loc, f.path("url"), "expected an http:// or https:// address");
    }
    if (e.path.present() && e.url.present()) {
        error(e.url.loc, path, "give either 'path' or 'url', not both");
    } else if (!f["path"].valid() && !f["url"].valid()) {
        error(n.location(), path,
              "missing 'path' or 'url': say where the evidence lives (a file or folder beside "
              "the declaration, or a link to a ticket or dashboard)");
    }
    SOC2SCOPE_READ(f, "collected", read_date, e.collected);
    SOC2SCOPE_READ(f, "owner", read_string, e.owner);
    SOC2SCOPE_READ(f, "note", read_string, e.note);
    SOC2SCOPE_READ(f, "count", read_int, e.count);
    if (e.count.present() && e.count.value < 1) {
        error(e.count.loc, f.path("count"), "expected at least 1");
    }
    m_decl.evidence.push_back(std::move(e));
}

void Loader::decode_waiver(NodeRef n, const std::string& path) {
    if (!expect_mapping(*this, n, path)) {
        return;
    }
    static constexpr std::string_view k_keys[] = {"rule", "component", "reason", "approved_by",
                                                  "expires"};
    Fields f(*this, n, path, k_keys, {"rule", "reason", "approved_by", "expires"});
    model::Waiver w;
    w.at = {n.location(), path};
    if (NodeRef r = f["rule"]; r.valid()) {
        read_dotted_id(r, f.path("rule"), "rule id", w.rule);
    }
    SOC2SCOPE_READ(f, "component", read_id, w.component);
    SOC2SCOPE_READ(f, "reason", read_string, w.reason);
    SOC2SCOPE_READ(f, "approved_by", read_string, w.approved_by);
    SOC2SCOPE_READ(f, "expires", read_date, w.expires);
    m_decl.waivers.push_back(std::move(w));
}

// ---------------------------------------------------------------------------------------
// Whole-declaration checks

void Loader::check_required_sections(SourceLocation root) {
    for (std::string_view section : {"organization", "audit", "components"}) {
        // A misspelt 'Organization' is already an unknown key that suggests the section.
        const bool misspelt =
            std::any_of(m_decl.sections.begin(), m_decl.sections.end(), [&](const auto& s) {
                return s.first != section && util::same_word(s.first, section);
            });
        if (!m_sections.contains(section) && !(section == "components" && m_components_seen) &&
            !misspelt) {
            error(root, "", fmt::format("missing required section '{}'", section));
        }
    }
}

void Loader::check_unique_ids() {
    auto unique = [&](auto& items, std::string_view what) {
        std::unordered_map<std::string_view, SourceLocation> seen;
        for (const auto& item : items) {
            auto [it, inserted] = seen.emplace(item.id.value, item.id.loc);
            if (!inserted) {
                auto& d = error(item.id.loc, item.at.path + ".id",
                                fmt::format("duplicate {} id '{}'", what, item.id.value));
                d.notes.push_back({it->second, "first declared here"});
            }
        }
    };
    unique(m_decl.components, "component");
    unique(m_decl.vendors, "vendor");

    std::unordered_map<std::string, SourceLocation> groups;
    for (const auto& g : m_decl.people) {
        auto [it, inserted] = groups.emplace(g.group.value, g.group.loc);
        if (!inserted) {
            auto& d = error(g.group.loc, g.at.path + ".group",
                            fmt::format("duplicate people group '{}'", g.group.value));
            d.notes.push_back({it->second, "first declared here"});
        }
    }
    std::unordered_map<std::string, SourceLocation> domains;
    for (const auto& r : m_decl.responsibilities) {
        auto [it, inserted] = domains.emplace(r.domain_key, r.domain.loc);
        if (!inserted) {
            auto& d = error(r.domain.loc, r.at.path + ".domain",
                            fmt::format("a second row for domain '{}'; put both sides of a domain "
                                        "in one row",
                                        util::quote_for_message(r.domain.value)));
            d.notes.push_back({it->second, "first row here"});
        }
    }
}

void Loader::check_references() {
    std::vector<std::string_view> component_ids;
    for (const auto& c : m_decl.components) {
        component_ids.push_back(c.id.value);
    }
    std::vector<std::string_view> vendor_ids;
    for (const auto& v : m_decl.vendors) {
        vendor_ids.push_back(v.id.value);
    }
    auto component_ref = [&](const Located<std::string>& ref, const std::string& path,
                             std::string_view what) {
        if (ref.present() && m_decl.find_component(ref.value) == nullptr) {
            error(ref.loc, path,
                  fmt::format("{} '{}' is not a declared component{}", what, ref.value,
                              did_you_mean(ref.value, component_ids)));
        }
    };
    auto vendor_ref = [&](const Located<std::string>& ref, const std::string& path) {
        if (ref.present() && m_decl.find_vendor(ref.value) == nullptr) {
            error(ref.loc, path,
                  fmt::format("vendor '{}' is not declared under 'vendors:'{}", ref.value,
                              did_you_mean(ref.value, vendor_ids)));
        }
    };
    for (const auto& c : m_decl.components) {
        for (const auto& r : c.relations) {
            component_ref(r.target,
                          fmt::format("{}.relations.{}", c.at.path, model::to_string(r.kind)),
                          "relation target");
            if (r.target.value == c.id.value) {
                error(r.target.loc,
                      fmt::format("{}.relations.{}", c.at.path, model::to_string(r.kind)),
                      "a component cannot relate to itself");
            }
        }
        vendor_ref(c.vendor, c.at.path + ".vendor");
        const auto& op = c.operated_by;
        if (op.present() && op.value.kind == model::Operator::Kind::Vendor &&
            m_decl.find_vendor(op.value.vendor) == nullptr) {
            std::vector<std::string_view> choices = {"us", "customer", "shared"};
            choices.insert(choices.end(), vendor_ids.begin(), vendor_ids.end());
            error(op.loc, c.at.path + ".operated_by",
                  fmt::format("'{}' is neither us, customer, shared nor a declared vendor id{}",
                              util::quote_for_message(op.value.vendor),
                              did_you_mean(op.value.vendor, choices)));
        }
    }
    for (const auto& g : m_decl.people) {
        for (const auto& a : g.access_to) {
            component_ref(a, g.at.path + ".access_to", "access_to");
        }
    }
    for (const auto& w : m_decl.waivers) {
        component_ref(w.component, w.at.path + ".component", "waived component");
    }
}

void Loader::check_consistency() {
    const auto& a = m_decl.audit;
    if (a.period.start.present() && a.period.end.present()) {
        const bool type1 = a.type.present() && a.type.value == model::AuditType::Type1;
        if (a.period.end.value < a.period.start.value ||
            (!type1 && a.period.end.value == a.period.start.value)) {
            error(a.period.end.loc, "audit.period.end",
                  fmt::format("the period ends ({}) {} it starts ({})", a.period.end->to_string(),
                              a.period.end.value == a.period.start.value ? "on the day" : "before",
                              a.period.start->to_string()));
        }
    }
    if (a.criteria.present() && !m_criteria_unread && !a.has(model::Criterion::Security)) {
        error(a.criteria.loc, "audit.criteria",
              "'security' is missing: the common criteria are part of every SOC 2 report");
    }
    for (const auto& v : m_decl.vendors) {
        const auto& r = v.soc2_report;
        if (r.reviewed.present() && r.period_end.present() &&
            r.reviewed.value < r.period_end.value) {
            error(r.reviewed.loc, v.at.path + ".soc2_report.reviewed",
                  fmt::format("reviewed on {}, before the report's period ended on {}",
                              r.reviewed->to_string(), r.period_end->to_string()));
        }
    }
}

} // namespace

LoadResult load_file(const fs::path& path, util::FileSystem& fs, const LoadOptions& options) {
    LoadResult result;
    Loader loader(fs, options, result);
    try {
        loader.run(path);
    } catch (const std::bad_alloc&) {
        result.diagnostics.error({}, "", "out of memory while loading the declaration");
    }
    result.diagnostics.sort();
    return result;
}

LoadResult load_string(std::string_view text, const std::string& name, const LoadOptions& options) {
    util::MemoryFileSystem mem;
    mem.add(name, std::string(text));
    return load_file(name, mem, options);
}

} // namespace soc2scope::load
